using System.Net.Http.Headers;

namespace Mandate.AI.Tokens;

/// <summary>
/// An <see cref="HttpClient"/> handler that sends the current tool call's token as <c>Authorization: Bearer</c>
/// (RFC 6750 §2.1), for that request only. Add it only to clients of the API the tokens are for
/// (<c>AddToolAccessToken()</c> on the client's builder). A request that already has an <c>Authorization</c> header is
/// sent unchanged; one outside an authorized tool call, or in a call without a token, is sent without one — or, when
/// the handler was added with a resource (<c>AddToolAccessToken(resource)</c>, e.g. an MCP server's protocol requests
/// <c>initialize</c> and <c>tools/list</c>), with the agent's own Client Credentials token for that resource (RFC 8707). A <c>403</c> scope challenge (<c>error="insufficient_scope"</c>, RFC 6750 §3.1) met inside a call is
/// handed to the call's authorization, which may step up to the user's approval and retry the call once (MCP
/// authorization 2025-11-25, "Scope Challenge Handling").
/// </summary>
public sealed class ToolTokenHandler : DelegatingHandler
{
    private readonly IToolTokenSource? _source;
    private readonly string? _resource;
    private readonly IReadOnlyList<string> _scopes = [];

    /// <summary>Creates the handler: only tool calls' tokens are sent.</summary>
    public ToolTokenHandler()
    {
    }

    /// <summary>Creates the handler that sends the agent's own token for <paramref name="resource"/> when a call brings none.</summary>
    /// <param name="source">Where the agent's token comes from.</param>
    /// <param name="resource">The resource indicator (RFC 8707 §2) of the API this client calls.</param>
    /// <param name="scopes">The scopes of the agent's own token.</param>
    internal ToolTokenHandler(IToolTokenSource source, string resource, IReadOnlyList<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(scopes);
        _source = source;
        _resource = resource;
        _scopes = scopes;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null && (ToolTokenAccessor.Current ?? await AgentTokenAsync(cancellationToken).ConfigureAwait(false)) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (ToolTokenAccessor.InCall && ScopeChallenge.From(response) is { } challenge)
        {
            ToolTokenAccessor.ReportChallenge(challenge);
        }

        return response;
    }

    /// <summary>The agent's own token for the resource, or null (no resource configured, or the server refused: the
    /// request then goes without one and the resource server's 401 says why).</summary>
    private async ValueTask<ToolAccessToken?> AgentTokenAsync(CancellationToken cancellationToken)
    {
        if (_source is null)
        {
            return null;
        }

        var result = await _source.GetClientTokenAsync(new ClientTokenRequest(_scopes, _resource), cancellationToken).ConfigureAwait(false);
        return result.Token;
    }
}
