using System.Collections.Concurrent;

namespace Mandate.Client.ClientCredentials;

/// <summary>
/// Client Credentials tokens by <see cref="ClientCredentialsCacheKey"/>, each kept until its expiry minus a skew.
/// Concurrent callers for one key share one request (single flight); a failure is handed to those callers and not kept.
/// </summary>
internal sealed class ClientCredentialsTokenCache
{
    private readonly ConcurrentDictionary<ClientCredentialsCacheKey, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<ClientCredentialsCacheKey, Task<TokenResponse>> _pending = new();

    public int Count => _tokens.Count;

    public bool TryGet(in ClientCredentialsCacheKey key, DateTimeOffset now, out TokenResponse token)
    {
        if (_tokens.TryGetValue(key, out var cached) && now < cached.RefreshAt)
        {
            token = cached.Token;
            return true;
        }

        token = null!;
        return false;
    }

    /// <summary>Joins the request in flight for <paramref name="key"/>, or starts one with <paramref name="fetch"/>.</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="fetch">Requests a token; runs without the callers' cancellation, since others may share it.</param>
    /// <param name="refreshAt">When a fetched token stops being served (null: do not keep it).</param>
    /// <param name="now">The current time, for a second look at the cache.</param>
    public Task<TokenResponse> GetOrFetch(ClientCredentialsCacheKey key, Func<Task<TokenResponse>> fetch,
        Func<TokenResponse, DateTimeOffset?> refreshAt, DateTimeOffset now)
    {
        var mine = new TaskCompletionSource<TokenResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = _pending.GetOrAdd(key, mine.Task);
        if (ReferenceEquals(pending, mine.Task))
        {
            _ = RunAsync(key, mine, fetch, refreshAt, now);
        }

        return pending;
    }

    public void Clear() => _tokens.Clear();

    private async Task RunAsync(ClientCredentialsCacheKey key, TaskCompletionSource<TokenResponse> completion,
        Func<Task<TokenResponse>> fetch, Func<TokenResponse, DateTimeOffset?> refreshAt, DateTimeOffset now)
    {
        try
        {
            // A request that finished between the caller's look and this one already filled the cache.
            if (!TryGet(key, now, out var token))
            {
                token = await fetch().ConfigureAwait(false);
                if (refreshAt(token) is { } until)
                {
                    _tokens[key] = new CachedToken(token, until);
                }
            }

            _pending.TryRemove(new KeyValuePair<ClientCredentialsCacheKey, Task<TokenResponse>>(key, completion.Task));
            completion.SetResult(token);
        }
        catch (Exception e)
        {
            _pending.TryRemove(new KeyValuePair<ClientCredentialsCacheKey, Task<TokenResponse>>(key, completion.Task));
            completion.SetException(e);
        }
    }

    private sealed record CachedToken(TokenResponse Token, DateTimeOffset RefreshAt);
}
