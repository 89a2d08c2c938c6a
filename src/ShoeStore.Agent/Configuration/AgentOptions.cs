using Microsoft.Extensions.Configuration;

namespace ShoeStore.Agent.Configuration;

/// <summary>The agent's own settings, read once at start-up.</summary>
internal sealed class AgentOptions
{
    public const string DefaultStoreApiUrl = "http://127.0.0.1:5200";

    /// <summary>The store API (<c>STORE_API_URL</c>).</summary>
    public required Uri StoreApiUrl { get; init; }

    /// <summary>The customer the agent acts for (<c>Agent__LoginHint</c>, CIBA <c>login_hint</c>).</summary>
    public required string LoginHint { get; init; }

    /// <summary>Where the customer approves: the server's device page, or null when unknown.</summary>
    public Uri? DeviceUrl { get; init; }

    /// <summary>The most chat messages kept (older turns are dropped whole).</summary>
    public int HistoryLimit { get; init; } = 40;

    /// <summary>The OpenAI-compatible model, or null for the offline planner.</summary>
    public LanguageModelSettings? LanguageModel { get; init; }

    /// <summary>Reads the settings; throws with the fix when one is not valid.</summary>
    public static AgentOptions Read(IConfiguration configuration)
    {
        var storeUrl = configuration["STORE_API_URL"] ?? configuration["Agent:StoreApiUrl"] ?? DefaultStoreApiUrl;
        var historyText = configuration["Agent:HistoryLimit"];
        var historyLimit = 40;
        if (historyText is not null && (!int.TryParse(historyText, out historyLimit) || historyLimit is < 4 or > 1000))
        {
            throw new InvalidOperationException($"Agent:HistoryLimit is '{historyText}': use a whole number from 4 to 1000.");
        }

        var loginHint = configuration["Agent:LoginHint"];
        return new AgentOptions
        {
            StoreApiUrl = AbsoluteHttpUrl(storeUrl, "STORE_API_URL"),
            LoginHint = string.IsNullOrWhiteSpace(loginHint) ? "end.user" : loginHint.Trim(),
            DeviceUrl = DeviceUrlFrom(configuration),
            HistoryLimit = historyLimit,
            LanguageModel = LanguageModelSettings.Read(configuration),
        };
    }

    /// <summary>The device page: <c>Agent:DeviceUrl</c>, else <c>/device</c> at the origin of the token endpoint or issuer
    /// (a loopback IP as <c>localhost</c>).</summary>
    private static Uri? DeviceUrlFrom(IConfiguration configuration)
    {
        if (configuration["Agent:DeviceUrl"] is { Length: > 0 } explicitUrl)
        {
            return AbsoluteHttpUrl(explicitUrl, "Agent:DeviceUrl");
        }

        var server = Unquote(configuration["PINGONE_TOKEN_ENDPOINT"]) ?? configuration["Mandate:Client:TokenEndpoint"] ?? configuration["Mandate:Client:Issuer"];
        if (!Uri.TryCreate(server, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            return null;
        }

        // A loopback IP becomes localhost: WebAuthn refuses an IP address as relying-party id, so passkeys work only there.
        var origin = endpoint.IsLoopback && endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? new UriBuilder(endpoint) { Host = "localhost" }.Uri
            : endpoint;
        return new Uri(origin.GetLeftPart(UriPartial.Authority) + "/device");
    }

    private static Uri AbsoluteHttpUrl(string value, string name)
    {
        var trimmed = Unquote(value) ?? "";
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new InvalidOperationException($"{name} is '{trimmed}': use an absolute http(s) URL such as {DefaultStoreApiUrl}.");
    }

    private static string? Unquote(string? value) =>
        value?.Trim() is { Length: >= 2 } text && (text[0] is '\'' or '"') && text[^1] == text[0] ? text[1..^1] : value?.Trim();
}
