using Mandate.AI.Tokens;

namespace Mandate.AI.Authorization;

/// <summary>User tokens by <see cref="UserTokenKey"/>, kept until shortly before they expire; bounded in size.</summary>
internal sealed class UserTokenCache(TimeProvider time, TimeSpan expirySkew, int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UserTokenKey, ToolAccessToken> _tokens = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    public ToolAccessToken? Find(UserTokenKey key)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(key, out var token))
            {
                return null;
            }

            if (IsFresh(token, time.GetUtcNow()))
            {
                return token;
            }

            _tokens.Remove(key);
            return null;
        }
    }

    /// <summary>Keeps <paramref name="token"/> when it has a known expiry that is not already too close.</summary>
    public void Add(UserTokenKey key, ToolAccessToken token)
    {
        var now = time.GetUtcNow();
        if (capacity == 0 || !IsFresh(token, now))
        {
            return;
        }

        lock (_gate)
        {
            foreach (var stale in _tokens.Where(e => !IsFresh(e.Value, now)).Select(e => e.Key).ToList())
            {
                _tokens.Remove(stale);
            }

            if (!_tokens.ContainsKey(key) && _tokens.Count >= capacity)
            {
                _tokens.Remove(_tokens.MinBy(e => e.Value.ExpiresAt).Key);
            }

            _tokens[key] = token;
        }
    }

    private bool IsFresh(ToolAccessToken token, DateTimeOffset now) => token.ExpiresAt is { } expiresAt && expiresAt - expirySkew > now;
}
