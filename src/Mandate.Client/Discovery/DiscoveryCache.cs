using Mandate.Client.Http;

namespace Mandate.Client.Discovery;

/// <summary>
/// Holds the issuer's discovery document for <see cref="MandateClientOptions.DiscoveryCacheDuration"/>. Concurrent
/// callers share one fetch; a failed fetch is not kept, so the next call tries again.
/// </summary>
internal sealed class DiscoveryCache
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly Lock _lock = new();
    private Entry? _entry;
    private Task<ProviderMetadata>? _pending;

    public DiscoveryCache(IOptions<MandateClientOptions> options, TimeProvider time)
    {
        _time = time;
        _duration = options.Value.DiscoveryCacheDuration;
    }

    public ValueTask<ProviderMetadata> GetAsync(string issuer, OAuthHttpClient http, CancellationToken cancellationToken)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Issuer == issuer && _time.GetUtcNow() < entry.FetchedAt + _duration)
        {
            return new ValueTask<ProviderMetadata>(entry.Metadata);
        }

        TaskCompletionSource<ProviderMetadata>? mine = null;
        Task<ProviderMetadata> pending;
        lock (_lock)
        {
            if (_pending is null || _pending.IsCompleted)
            {
                mine = new TaskCompletionSource<ProviderMetadata>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending = mine.Task;
            }

            pending = _pending;
        }

        if (mine is not null)
        {
            _ = FetchAsync(issuer, http, mine);
        }

        return new ValueTask<ProviderMetadata>(pending.WaitAsync(cancellationToken));
    }

    private async Task FetchAsync(string issuer, OAuthHttpClient http, TaskCompletionSource<ProviderMetadata> completion)
    {
        try
        {
            // Not a caller's token: other callers share this fetch; each caller's wait is cancellable on its own.
            var metadata = await http.GetProviderMetadataAsync(issuer, CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _entry, new Entry(issuer, metadata, _time.GetUtcNow()));
            completion.SetResult(metadata);
        }
        catch (Exception e)
        {
            completion.SetException(e);
        }
    }

    private sealed record Entry(string Issuer, ProviderMetadata Metadata, DateTimeOffset FetchedAt);
}
