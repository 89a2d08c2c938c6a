namespace Mandate.Client.Authentication;

/// <summary>Reads <see cref="MandateClientOptions.SigningJwk"/> once and hands the key to the signers.</summary>
internal sealed class SigningKeyProvider
{
    private readonly Lazy<JwkSigningKey?> _key;

    public SigningKeyProvider(IOptions<MandateClientOptions> options)
    {
        _key = new Lazy<JwkSigningKey?>(
            () => options.Value.SigningJwk is { } jwk ? JwkSigningKey.Parse(jwk) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SigningKeyProvider(JwkSigningKey? key)
    {
        _key = new Lazy<JwkSigningKey?>(key);
    }

    public JwkSigningKey? Key => _key.Value;

    public JwkSigningKey GetRequired(string purpose) =>
        Key ?? throw new InvalidOperationException(
            $"{PingOneEnvironment.Describe(nameof(MandateClientOptions.SigningJwk))} is missing: {purpose}.");
}
