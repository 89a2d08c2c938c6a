namespace Mandate.AI.Tokens;

/// <summary>
/// Gives a tool the access token of the call it runs in. The token flows with the call's execution context
/// (like <c>IHttpContextAccessor</c>): each tool call, including calls that run in parallel, sees only its own
/// token, and work started inside a call loses the token once the call ends. The token is never passed in the
/// tool's arguments or returned in its result, so the model cannot see it.
/// </summary>
public sealed class ToolTokenAccessor
{
    private static readonly AsyncLocal<TokenHolder?> CurrentHolder = new();

    /// <summary>The token of the tool call running on this execution context, or null (public tool, or no call).</summary>
    public ToolAccessToken? Token => Current;

    /// <summary>The token of the tool call running on this execution context, or null.</summary>
    public static ToolAccessToken? Current => CurrentHolder.Value?.Token;

    /// <summary>
    /// Makes <paramref name="token"/> the current token until the returned scope is disposed; then the previous one
    /// is current again. Tool authorization calls this around each authorized call; tests of tools may call it too.
    /// </summary>
    /// <param name="token">The token, or null for a call without one.</param>
    /// <returns>The scope; dispose it when the call ends.</returns>
    public static IDisposable BeginScope(ToolAccessToken? token)
    {
        var previous = CurrentHolder.Value;
        var holder = new TokenHolder { Token = token };
        CurrentHolder.Value = holder;
        return new Scope(holder, previous);
    }

    private sealed class TokenHolder
    {
        public ToolAccessToken? Token { get; set; }
    }

    private sealed class Scope(TokenHolder holder, TokenHolder? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Clearing the holder also clears it for every copy of the execution context taken inside the call.
            holder.Token = null;
            CurrentHolder.Value = previous;
        }
    }
}
