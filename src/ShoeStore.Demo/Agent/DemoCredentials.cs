using ShoeStore.Agent.Configuration;

namespace ShoeStore.Demo.Agent;

/// <summary>
/// The demo's identities and secrets from <c>demo.env</c> (written by Mandate.Server's demo seed on its first start):
/// the agent's client and signing key, and the demo user. <see cref="ToString"/> never shows a secret.
/// </summary>
internal sealed record DemoCredentials(
    string ClientId, string ClientSecret, string SigningJwk, string AcrValues, string EndUser, string EndUserPassword)
{
    /// <summary>Reads the file; throws <see cref="InvalidOperationException"/> with the fix when it is missing or incomplete.</summary>
    public static DemoCredentials Read(string demoEnvPath, string dataDirectory)
    {
        if (!File.Exists(demoEnvPath))
        {
            throw new InvalidOperationException(
                $"{demoEnvPath} is missing. The server writes it on the first start only, when its database has no clients yet; " +
                $"delete {dataDirectory} to start over with fresh identities.");
        }

        var values = DemoEnvFile.ReadIfExists(demoEnvPath);
        string Required(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new InvalidOperationException($"{demoEnvPath} has no {key}; delete {dataDirectory} to start over with fresh identities.");

        return new DemoCredentials(
            Required("PINGONE_CLIENT_ID"),
            Required("PINGONE_CLIENT_SECRET"),
            Required("PINGONE_CIBA_JWK"),
            values.TryGetValue("PINGONE_CIBA_ACR_VALUES", out var acr) && !string.IsNullOrWhiteSpace(acr) ? acr.Trim() : "push",
            Required("DEMO_END_USER"),
            Required("DEMO_END_USER_PASSWORD"));
    }

    public override string ToString() =>
        $"DemoCredentials {{ ClientId = {ClientId}, EndUser = {EndUser}, ClientSecret = [redacted], SigningJwk = [redacted], EndUserPassword = [redacted] }}";
}
