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
    /// The idempotency key of the tool call running on this execution context, or null outside a call: send it with the
    /// call's one write (e.g. the <c>Idempotency-Key</c> header, draft-ietf-httpapi-idempotency-key-header) so that a
    /// call run again is done once. For a call whose approval is kept across restarts it is the same on every run, in
    /// this process or the next; otherwise each call has its own.
    /// </summary>
    public string? IdempotencyKey => CurrentIdempotencyKey;

    /// <summary>The idempotency key of the tool call running on this execution context, or null (see <see cref="IdempotencyKey"/>).</summary>
    public static string? CurrentIdempotencyKey => CurrentHolder.Value is { Ended: false } holder ? holder.IdempotencyKey : null;

    /// <summary>
    /// Makes <paramref name="token"/> the current token until the returned scope is disposed; then the previous one
    /// is current again. Tool authorization calls this around each authorized call; tests of tools may call it too.
    /// </summary>
    /// <param name="token">The token, or null for a call without one.</param>
    /// <returns>The scope; dispose it when the call ends.</returns>
    public static IDisposable BeginScope(ToolAccessToken? token) => BeginCall(token, idempotencyKey: null);

    /// <summary>Like <see cref="BeginScope"/>; the scope also tells whether the call met a scope challenge.</summary>
    internal static CallScope BeginCall(ToolAccessToken? token, string? idempotencyKey)
    {
        var previous = CurrentHolder.Value;
        var holder = new TokenHolder { Token = token, IdempotencyKey = idempotencyKey };
        CurrentHolder.Value = holder;
        return new CallScope(holder, previous);
    }

    /// <summary>
    /// Records that a request of the current call was refused with a scope challenge (RFC 6750 §3.1), for the call's
    /// authorization to step up. The first challenge of a call is kept. Outside a call, nothing is recorded.
    /// </summary>
    internal static void ReportChallenge(ScopeChallenge challenge)
    {
        if (CurrentHolder.Value is { } holder)
        {
            Interlocked.CompareExchange(ref holder.Challenge, challenge, null);
        }
    }

    /// <summary>Whether a call is running on this execution context (with or without a token).</summary>
    internal static bool InCall => CurrentHolder.Value is { Ended: false };

    internal sealed class TokenHolder
    {
        public ScopeChallenge? Challenge;

        public ToolAccessToken? Token { get; set; }

        public string? IdempotencyKey { get; init; }

        public bool Ended { get; set; }
    }

    /// <summary>One call's token scope.</summary>
    internal sealed class CallScope : IDisposable
    {
        private readonly TokenHolder _holder;
        private readonly TokenHolder? _previous;
        private bool _disposed;

        internal CallScope(TokenHolder holder, TokenHolder? previous)
        {
            _holder = holder;
            _previous = previous;
        }

        /// <summary>The scope challenge a request of this call met, or null.</summary>
        public ScopeChallenge? Challenge => Volatile.Read(ref _holder.Challenge);

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Clearing the holder also clears it for every copy of the execution context taken inside the call.
            _holder.Token = null;
            _holder.Ended = true;
            CurrentHolder.Value = _previous;
        }
    }
}
