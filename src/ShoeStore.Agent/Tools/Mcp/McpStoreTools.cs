using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace ShoeStore.Agent.Tools.Mcp;

/// <summary>
/// The store's tools taken from its MCP server (<c>--tools mcp</c>, docs/mcp.md): connects over Streamable HTTP with the
/// MCP C# client, lists the tools (<c>tools/list</c>) and offers the tutorial's five (<see cref="ToolNames"/>) to the
/// model. The access each tool publishes in its <c>_meta</c> becomes part of its Mandate.AI policy
/// (<see cref="ApplyPublishedAccess"/>), with tokens for the MCP resource (RFC 8707).
/// </summary>
internal sealed class McpStoreTools(
    Uri mcpUrl, HttpClient http, StoreToolResults results, ILoggerFactory loggerFactory, Func<string>? newIdempotencyKey = null)
    : IStoreTools, IAsyncDisposable
{
    private static readonly HashSet<string> Known =
        [ToolNames.GetProducts, ToolNames.GetAvailableDeals, ToolNames.GetTailoredQuote, ToolNames.PurchaseItem, ToolNames.GetOrders];

    private McpClient? _client;
    private IReadOnlyList<AIFunction>? _tools;
    private Dictionary<string, PublishedToolAccess?> _published = [];

    /// <summary>The MCP resource: the server's URL, the audience of the tools' tokens.</summary>
    public string Resource => mcpUrl.ToString();

    /// <inheritdoc />
    public IReadOnlyList<AIFunction> All => _tools ?? throw new InvalidOperationException("The MCP tools are not listed yet: connect first.");

    /// <summary>
    /// Connects to the MCP server and lists its tools. Throws <see cref="McpToolsUnavailableException"/> with what to fix
    /// when the server cannot be reached, refuses the agent, or publishes a tool's access in a form that cannot be read.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_tools is not null)
        {
            return;
        }

        IList<McpClientTool> listed;
        try
        {
            var transport = new HttpClientTransport(
                new HttpClientTransportOptions { Endpoint = mcpUrl, TransportMode = HttpTransportMode.StreamableHttp, Name = "shoestore" },
                http, loggerFactory, ownsHttpClient: false);
            _client = await McpClient.CreateAsync(
                transport, new McpClientOptions { ClientInfo = new() { Name = "ShoeStore.Agent", Version = "1.0" } }, loggerFactory, cancellationToken);
            listed = await _client.ListToolsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or ModelContextProtocol.McpException or IOException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new McpToolsUnavailableException(
                $"The store's MCP server at {mcpUrl} could not be used ({exception.GetType().Name}: {Describe(exception)}). " +
                "Check that the store is running, that the URL is its /mcp endpoint, and that the authorization server registers it as a resource for this agent.",
                exception);
        }

        var published = new Dictionary<string, PublishedToolAccess?>(StringComparer.Ordinal);
        var tools = new List<AIFunction>();
        var keys = newIdempotencyKey ?? (() => Guid.NewGuid().ToString("D"));
        foreach (var tool in listed.Where(t => Known.Contains(t.Name)))
        {
            try
            {
                published[tool.Name] = PublishedToolAccess.FromMeta(tool.ProtocolTool.Meta);
            }
            catch (FormatException exception)
            {
                throw new McpToolsUnavailableException($"The store's MCP tool '{tool.Name}' publishes its access in a form the agent cannot read: {exception.Message}", exception);
            }

            tools.Add(new McpStoreTool(tool, _client, results, keys));
        }

        _published = published;
        _tools = tools;
    }

    /// <summary>
    /// Makes the listed tools' policies MCP ones: the access each tool publishes is merged in (the published access is
    /// a floor, the local table may ask for more; docs/agent.md) and every token is for the MCP resource.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tools are not listed yet (the policies would silently miss what the
    /// server publishes).</exception>
    public void ApplyPublishedAccess(ToolAuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = All;
        foreach (var (name, access) in _published)
        {
            if (access is not null)
            {
                options.UsePublishedAccess(name, access, Resource);
            }
            else if (options.Policies.TryGetValue(name, out var policy))
            {
                policy.Resource = Resource;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    /// <summary>The exception's message when it says nothing secret: an HTTP status, a protocol error; else nothing.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException => "no answer",
        ModelContextProtocol.McpException mcp => mcp.Message,
        _ => "no answer in time",
    };
}
