using Fido2NetLib;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;

namespace Mandate.Server.Passkeys;

/// <summary>
/// The passkey rules in force, from <see cref="MandateDeviceOptions"/>: the relying party (WebAuthn Level 3 §5.1.4.1),
/// the allowed origins (§7.2 step 9), which requests need a passkey, and the time limits — a challenge lives
/// <see cref="ChallengeLifetime"/>, and adding a passkey needs a password sign-in within <see cref="AddPasskeyWindow"/>.
/// </summary>
internal sealed class PasskeyPolicy
{
    /// <summary>How long a challenge is accepted (also the browser's <c>timeout</c>).</summary>
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Adding a passkey needs a password sign-in no longer ago than this.</summary>
    public static readonly TimeSpan AddPasskeyWindow = TimeSpan.FromMinutes(5);

    private PasskeyPolicy(string relyingPartyId, string relyingPartyName, IReadOnlySet<string> origins, IReadOnlySet<string> requiredScopes)
    {
        RelyingPartyId = relyingPartyId;
        RelyingPartyName = relyingPartyName;
        Origins = origins;
        RequiredScopes = requiredScopes;
    }

    /// <summary>The RP id.</summary>
    public string RelyingPartyId { get; }

    /// <summary>The RP name.</summary>
    public string RelyingPartyName { get; }

    /// <summary>The allowed origins, each <c>scheme://host[:port]</c>.</summary>
    public IReadOnlySet<string> Origins { get; }

    /// <summary>Scopes whose approval needs a passkey.</summary>
    public IReadOnlySet<string> RequiredScopes { get; }

    /// <summary>The policy of <paramref name="options"/> (assumed valid: <see cref="Validate"/>).</summary>
    public static PasskeyPolicy From(MandateServerOptions options)
    {
        var device = options.Device;
        var rpId = device.RelyingPartyId.ToLowerInvariant();
        var origins = device.AllowedOrigins is { Count: > 0 } configured
            ? configured.Select(o => Origin(new Uri(o))).ToHashSet(StringComparer.Ordinal)
            : [DefaultOrigin(options.Issuer, rpId)];
        var scopes = (device.PasskeyRequiredForScopes ?? [.. MandateDeviceOptions.DefaultPasskeyRequiredForScopes]).ToHashSet(StringComparer.Ordinal);
        return new PasskeyPolicy(rpId, device.RelyingPartyName, origins, scopes);
    }

    /// <summary>What is wrong with the passkey options, as messages that say how to fix it.</summary>
    public static IEnumerable<string> Validate(MandateServerOptions options)
    {
        var device = options.Device;
        var rpId = device.RelyingPartyId ?? "";
        if (Uri.CheckHostName(rpId) != UriHostNameType.Dns || rpId.EndsWith('.'))
        {
            yield return "Mandate:Device:RelyingPartyId must be a domain such as localhost or auth.example.com (WebAuthn refuses an IP address).";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(device.RelyingPartyName))
        {
            yield return "Mandate:Device:RelyingPartyName must not be empty.";
        }

        var origins = device.AllowedOrigins is { Count: > 0 } configured ? configured : [DefaultOrigin(options.Issuer, rpId.ToLowerInvariant())];
        foreach (var origin in origins)
        {
            if (OriginProblem(origin, rpId.ToLowerInvariant()) is { } problem)
            {
                yield return "Mandate:Device:AllowedOrigins: " + problem;
            }
        }

        foreach (var scope in device.PasskeyRequiredForScopes ?? [])
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Contains(' ', StringComparison.Ordinal))
            {
                yield return "Mandate:Device:PasskeyRequiredForScopes must list scope names (no spaces, none empty).";
            }
        }
    }

    /// <summary>Whether approving a request with these scopes (space separated) and <c>acr_values</c> needs a passkey
    /// assertion, once the person has a passkey: a scope in <see cref="RequiredScopes"/>, or the client asked for
    /// <see cref="ApprovalMethod.PasskeyAcr"/>.</summary>
    public bool RequiresPasskey(string scopes, string? acrValues) =>
        scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(RequiredScopes.Contains)
        || (acrValues?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(ApprovalMethod.PasskeyAcr) ?? false);

    /// <summary>Whether a passkey may be added in <paramref name="session"/> at <paramref name="now"/>: it was signed in
    /// with a password no more than <see cref="AddPasskeyWindow"/> ago (a stolen session cookie alone cannot add an
    /// attacker's passkey, and a passkey session cannot add another without the password).</summary>
    public static bool MayAddPasskey(DeviceSessionRecord? session, DateTimeOffset now) =>
        session is { SignInMethod: DeviceSignInMethod.Password }
        && now >= session.CreatedAt
        && now - session.CreatedAt <= AddPasskeyWindow;

    /// <summary>The Fido2 library's configuration for this policy.</summary>
    public Fido2Configuration ToFido2() => new()
    {
        RPID = RelyingPartyId,
        RPName = RelyingPartyName,
        Origins = new HashSet<string>(Origins, StringComparer.Ordinal),
        Timeout = (uint)ChallengeLifetime.TotalMilliseconds,
        TimestampDriftTolerance = 0,
    };

    private static string DefaultOrigin(Uri issuer, string rpId) =>
        issuer.Scheme + "://" + rpId + (issuer.IsDefaultPort ? "" : ":" + issuer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string? OriginProblem(string origin, string rpId)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"\"{origin}\" must be an origin: https://host[:port], nothing after it.";
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (host != rpId && !host.EndsWith("." + rpId, StringComparison.Ordinal))
        {
            return $"the host of \"{origin}\" must be Mandate:Device:RelyingPartyId ({rpId}) or a subdomain of it (WebAuthn Level 3 §5.1.4.1).";
        }

        if (uri.Scheme == "http" && host != "localhost" && !host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return $"\"{origin}\" uses http: browsers allow passkeys only on https or http://localhost.";
        }

        return null;
    }
}
