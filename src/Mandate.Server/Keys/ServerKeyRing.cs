using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Keys;

/// <summary>
/// The server's keys, shared through the database by every instance: the ES256 signing keys (rotated on the
/// <see cref="SigningKeySchedule"/>) and the symmetric encryption key (created once). Each instance holds a snapshot,
/// re-read every <see cref="SigningKeyPolicy.RefreshInterval"/> by <see cref="ServerKeyRefreshService"/>; when the
/// signing key or the published set changes, <see cref="GetChangeToken"/> fires and OpenIddict rebuilds its options
/// (signing credentials and JWKS) from the new snapshot.
/// </summary>
internal sealed class ServerKeyRing
{
    internal const string EncryptionUse = "enc";

    private readonly ServerKeyStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ServerKeyRing> _logger;
    private readonly SigningKeyPolicy _policy;
    private readonly ConcurrentDictionary<string, ECDsaSecurityKey> _parsed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile Snapshot? _snapshot;
    private CancellationTokenSource _changed = new();

    internal ServerKeyRing(ServerKeyStore store, IOptions<MandateServerOptions> options, TimeProvider time, ILogger<ServerKeyRing> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _policy = options.Value.SigningKeyPolicy;
    }

    /// <summary>The ES256 key that signs now (with its private part).</summary>
    public ECDsaSecurityKey SigningKey => Current.Signing;

    /// <summary>Every published signing key (RFC 7517 key set), the one that signs first: what verifies our tokens.</summary>
    public IReadOnlyList<ECDsaSecurityKey> PublishedSigningKeys => Current.Published;

    /// <summary>The symmetric key OpenIddict requires for its encrypted token formats, and the ping data protector's.</summary>
    public SymmetricSecurityKey EncryptionKey => Current.Encryption;

    /// <summary>The schedule of the last refresh (for <c>keys list</c>).</summary>
    public SigningKeySchedule Schedule => Current.Schedule;

    /// <summary>A token that fires when the signing key or the published set changes.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    private Snapshot Current => _snapshot ?? LoadFirstSnapshot();

    /// <summary>
    /// Re-reads the keys: creates the first keys when there are none, the next signing key when automatic rotation is
    /// due, deletes keys past their retention, and swaps the snapshot (firing the change token when it changed).
    /// </summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => InTurnAsync(RefreshCoreAsync, cancellationToken);

    /// <summary>
    /// Rotates the signing key (the <c>keys rotate</c> command). Without <paramref name="immediately"/> a new key is
    /// published now and signs after <see cref="SigningKeyPolicy.PublishAhead"/>; when one is already pending, that
    /// one stays. With it, the pending key (published already) or else a new key signs from now on: for a suspected
    /// compromise, or a test. The previous key stays published for the retention period.
    /// </summary>
    /// <returns>The key that will sign (or signs) next.</returns>
    public Task<SigningKey> RotateAsync(bool immediately, CancellationToken cancellationToken) => InTurnAsync(async ct =>
    {
        // Another instance may create the next generation between our read and our insert (the insert then loses on
        // the primary key): read again and act on theirs — a key that already signs is the rotation asked for.
        var lost = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var schedule = await RefreshCoreAsync(ct);
            var now = _time.GetUtcNow();
            if (immediately && lost != 0 && schedule.Current.Generation >= lost)
            {
                return schedule.Current;
            }

            if (schedule.Next is { } pending)
            {
                if (!immediately)
                {
                    return pending;
                }

                await _store.ActivateAsync(pending.KeyId, now, ct);
            }
            else if (!await CreateSigningKeyAsync(schedule.Current.Generation + 1, immediately ? now : now + _policy.PublishAhead, ct))
            {
                lost = schedule.Current.Generation + 1;
                continue;
            }

            schedule = await RefreshCoreAsync(ct);
            return immediately ? schedule.Current : schedule.Next ?? schedule.Current;
        }

        throw new InvalidOperationException("The signing keys kept changing under the rotation; run it again.");
    }, cancellationToken);

    /// <summary>
    /// Removes a replaced signing key from the JWKS at once (the <c>keys revoke</c> command, after a compromise): tokens
    /// it signed stop verifying wherever the key set is refreshed. The key that signs cannot be revoked (rotate first).
    /// </summary>
    /// <returns>False when no signing key has that id.</returns>
    /// <exception cref="InvalidOperationException">The key signs now.</exception>
    public Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken) => InTurnAsync(async ct =>
    {
        var schedule = await RefreshCoreAsync(ct);
        if (schedule.Current.KeyId == keyId)
        {
            throw new InvalidOperationException("Signing key " + keyId + " signs now: rotate with --now first, then revoke it.");
        }

        var found = schedule.Published.Concat(schedule.Expired).Any(k => k.KeyId == keyId)
            && await _store.DeleteAsync([keyId], ct) > 0;
        await RefreshCoreAsync(ct);
        return found;
    }, cancellationToken);

    /// <summary>Runs one key operation at a time in this process (the database settles races between processes).</summary>
    private async Task<T> InTurnAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            return await operation(cancellationToken);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private Snapshot LoadFirstSnapshot()
    {
        // Start-up awaits RefreshAsync before anything reads the keys; this covers hosts that skip it.
        RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        return _snapshot!;
    }

    private async Task<SigningKeySchedule> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var (signing, encryption) = await _store.LoadAsync(cancellationToken);
        var changedRows = false;
        if (encryption is null)
        {
            // Another instance may store it first: then the reload below reads theirs.
            await _store.TryAddAsync(NewEncryptionKey(now), cancellationToken);
            changedRows = true;
        }

        var schedule = SigningKeySchedule.Compute(signing, now, _policy);
        if (schedule is null)
        {
            await CreateSigningKeyAsync(signing.Count == 0 ? 1 : signing.Max(k => k.Generation) + 1, now, cancellationToken);
            changedRows = true;
        }
        else if (schedule.NextRotationDue(_policy) <= now)
        {
            await CreateSigningKeyAsync(schedule.Current.Generation + 1, schedule.ScheduledActivation(now, _policy), cancellationToken);
            changedRows = true;
        }

        if (schedule is { Expired.Count: > 0 })
        {
            await _store.DeleteAsync(schedule.Expired.Select(k => k.KeyId).ToList(), cancellationToken);
            foreach (var key in schedule.Expired)
            {
                Log.SigningKeyExpired(_logger, key.KeyId);
            }

            changedRows = true;
        }

        if (changedRows)
        {
            (signing, encryption) = await _store.LoadAsync(cancellationToken);
            schedule = SigningKeySchedule.Compute(signing, now, _policy);
        }

        if (schedule is null || encryption is null)
        {
            throw new InvalidOperationException("The server keys are not stored after creating them.");
        }

        Publish(schedule, encryption);
        return schedule;
    }

    private async Task<bool> CreateSigningKeyAsync(int generation, DateTimeOffset activatesAt, CancellationToken cancellationToken)
    {
        var key = new SigningKey
        {
            Generation = generation,
            KeyId = NewKeyId(),
            Material = CreateSigningMaterial(),
            CreatedAt = _time.GetUtcNow(),
            ActivatesAt = activatesAt,
        };
        if (!await _store.TryAddAsync(key, cancellationToken))
        {
            return false;
        }

        Log.SigningKeyCreated(_logger, key.KeyId, generation, activatesAt);
        return true;
    }

    private void Publish(SigningKeySchedule schedule, ServerKey encryption)
    {
        var published = schedule.Published.Select(Parse).ToList();
        var previous = _snapshot;
        var snapshot = new Snapshot(
            schedule,
            published,
            previous?.Encryption.KeyId == encryption.KeyId
                ? previous.Encryption
                : new SymmetricSecurityKey(Convert.FromBase64String(encryption.Material)) { KeyId = encryption.KeyId });
        _snapshot = snapshot;
        if (previous is not null && previous.Fingerprint == snapshot.Fingerprint)
        {
            return;
        }

        Log.SigningKeyActive(_logger, schedule.Current.KeyId, published.Count);
        foreach (var kid in _parsed.Keys.Where(kid => published.All(k => k.KeyId != kid)))
        {
            _parsed.TryRemove(kid, out _);
        }

        if (previous is not null)
        {
            Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
        }
    }

    private ECDsaSecurityKey Parse(SigningKey key) => _parsed.GetOrAdd(key.KeyId, static (kid, material) => ToSecurityKey(material, kid), key.Material);

    /// <summary>
    /// The one JWK → key conversion of the server: a stored private EC P-256 JWK (RFC 7518 §6.2) as an
    /// <see cref="ECDsaSecurityKey"/> named <paramref name="keyId"/>, through IdentityModel's
    /// <see cref="JsonWebKeyConverter"/>.
    /// </summary>
    internal static ECDsaSecurityKey ToSecurityKey(string privateJwk, string keyId)
    {
        var jwk = new JsonWebKey(privateJwk);
        if (jwk.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve || jwk.Crv != JsonWebKeyECTypes.P256 || string.IsNullOrEmpty(jwk.D)
            || !JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var converted) || converted is not ECDsaSecurityKey key)
        {
            throw new InvalidOperationException("Signing key " + keyId + " is not a private EC P-256 JWK.");
        }

        key.KeyId = keyId;
        return key;
    }

    /// <summary>The one key → JWK conversion of the server: a new private EC P-256 key as the JWK that is stored.</summary>
    internal static string CreateSigningMaterial()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ecdsa));
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = jwk.Kty,
            ["crv"] = jwk.Crv,
            ["x"] = jwk.X,
            ["y"] = jwk.Y,
            ["d"] = jwk.D ?? throw new InvalidOperationException("The new signing key has no private part."),
        });
    }

    private ServerKey NewEncryptionKey(DateTimeOffset now) => new()
    {
        Use = EncryptionUse,
        KeyId = NewKeyId(),
        Material = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        CreatedAt = now,
    };

    private static string NewKeyId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    private sealed record Snapshot(SigningKeySchedule Schedule, IReadOnlyList<ECDsaSecurityKey> Published, SymmetricSecurityKey Encryption)
    {
        public ECDsaSecurityKey Signing => Published[0];

        public string Fingerprint { get; } = string.Join(' ', Published.Select(k => k.KeyId));
    }
}
