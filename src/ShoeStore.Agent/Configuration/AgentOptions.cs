using Microsoft.Extensions.Configuration;

namespace ShoeStore.Agent.Configuration;

/// <summary>The agent's own settings, read once at start-up.</summary>
internal sealed class AgentOptions
{
    public const string DefaultStoreApiUrl = "http://127.0.0.1:5200";

    /// <summary>The default of <see cref="McpScopes"/>.</summary>
    public const string DefaultMcpScope = "prices";

    /// <summary>The store API (<c>STORE_API_URL</c>).</summary>
    public required Uri StoreApiUrl { get; init; }

    /// <summary>Where the tools come from (<c>--tools local|mcp</c>, <c>Agent__Tools</c>).</summary>
    public ToolSource Tools { get; init; } = ToolSource.Local;

    /// <summary>
    /// The store's MCP server for <c>--tools mcp</c> (<c>STORE_MCP_URL</c>, <c>Agent__McpUrl</c>; default
    /// <c>/mcp</c> on <see cref="StoreApiUrl"/>): also the MCP resource the tools' tokens are for (RFC 8707).
    /// </summary>
    public required Uri McpUrl { get; init; }

    /// <summary>
    /// The scopes of the agent's own token for the MCP server's protocol requests (<c>initialize</c>, <c>tools/list</c>)
    /// and for tools that publish no scope (<c>getProducts</c>): <c>Agent__McpScope</c>, space-separated, default
    /// <c>prices</c>. Mandate.Server, as RFC 6749 §3.3 allows, refuses a Client Credentials request without a scope.
    /// </summary>
    public IReadOnlyList<string> McpScopes { get; init; } = [DefaultMcpScope];

    /// <summary>The customer the agent acts for (<c>Agent__LoginHint</c>, CIBA <c>login_hint</c>).</summary>
    public required string LoginHint { get; init; }

    /// <summary>Where the customer approves: the server's device page, or null when unknown.</summary>
    public Uri? DeviceUrl { get; init; }

    /// <summary>
    /// Where purchases waiting for the customer's approval are kept across restarts of the agent (<c>Agent:ApprovalsFile</c>,
    /// default <c>agent-approvals.db</c> in the data directory, <c>Mandate:DataDirectory</c> or <c>.mandate</c>): a SQLite file,
    /// mode 0600. <c>none</c> keeps them in memory only.
    /// </summary>
    public string? ApprovalsFile { get; init; }

    /// <summary>The file name of <see cref="ApprovalsFile"/> in the data directory.</summary>
    public const string DefaultApprovalsFileName = "agent-approvals.db";

    /// <summary>The most chat messages kept (older turns are dropped whole).</summary>
    public int HistoryLimit { get; init; } = 40;

    /// <summary>The OpenAI-compatible model, or null for the offline planner.</summary>
    public LanguageModelSettings? LanguageModel { get; init; }

    /// <summary>How the start-up line names where the tools go: the store API, or the store's MCP server.</summary>
    public string DescribeStore() => Tools == ToolSource.Mcp ? $"store tools over MCP at {McpUrl}" : $"store {StoreApiUrl}";

    /// <summary>The configuration key of <see cref="Tools"/> (command line <c>--tools</c>).</summary>
    public const string ToolsKey = "Agent:Tools";

    /// <summary>The command line's own switches, mapped onto configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--tools"] = ToolsKey,
    };

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
        var storeApiUrl = AbsoluteHttpUrl(storeUrl, "STORE_API_URL");
        return new AgentOptions
        {
            StoreApiUrl = storeApiUrl,
            Tools = ToolSourceFrom(configuration[ToolsKey]),
            McpUrl = McpUrlFrom(configuration["STORE_MCP_URL"] ?? configuration["Agent:McpUrl"], storeApiUrl),
            McpScopes = McpScopesFrom(configuration["Agent:McpScope"]),
            LoginHint = string.IsNullOrWhiteSpace(loginHint) ? "end.user" : loginHint.Trim(),
            DeviceUrl = DeviceUrlFrom(configuration),
            HistoryLimit = historyLimit,
            ApprovalsFile = ApprovalsFileFrom(configuration),
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

    private static string? ApprovalsFileFrom(IConfiguration configuration)
    {
        var file = Unquote(configuration["Agent:ApprovalsFile"]);
        if (string.Equals(file, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetFullPath(string.IsNullOrEmpty(file)
            ? Path.Combine(Unquote(configuration["Mandate:DataDirectory"]) is { Length: > 0 } folder ? folder : AgentConfiguration.DefaultDataDirectory, DefaultApprovalsFileName)
            : file);
    }

    private static ToolSource ToolSourceFrom(string? value) => Unquote(value)?.ToLowerInvariant() switch
    {
        null or "" or "local" => ToolSource.Local,
        "mcp" => ToolSource.Mcp,
        _ => throw new InvalidOperationException($"--tools is '{Unquote(value)}': use local (the agent's own tools over the store's REST API) or mcp (the store's MCP server's tools)."),
    };

    /// <summary>The MCP URL: given, or <c>/mcp</c> at the store's origin. An absolute http(s) URL with a path, no query or fragment.</summary>
    private static Uri McpUrlFrom(string? value, Uri storeApiUrl)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(storeApiUrl.GetLeftPart(UriPartial.Authority) + "/mcp");
        }

        var url = AbsoluteHttpUrl(value, "STORE_MCP_URL");
        return url.AbsolutePath.Length > 1 && url.Query.Length == 0 && url.Fragment.Length == 0
            ? url
            : throw new InvalidOperationException($"STORE_MCP_URL is '{Unquote(value)}': use the store's MCP endpoint, e.g. {DefaultStoreApiUrl}/mcp (a path, no query or fragment).");
    }

    private static string[] McpScopesFrom(string? value)
    {
        var scopes = (Unquote(value) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return scopes.Length == 0 ? [DefaultMcpScope]
            : scopes.All(s => s.All(c => c is > ' ' and < (char)0x7F and not '"' and not '\\')) ? scopes
            : throw new InvalidOperationException($"Agent:McpScope is '{Unquote(value)}': use space-separated scope names, e.g. {DefaultMcpScope}.");
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
