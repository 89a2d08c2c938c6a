using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Server.Data;
using Mandate.Server.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Push;

/// <summary>
/// The server's VAPID key pair (RFC 8292 §3.2: an ECDSA P-256 key that identifies the application server to push
/// services), generated on first use and stored like the encryption key: one row of <c>ServerKeys</c>, use
/// <see cref="Use"/>, the private part as a JWK made like the signing keys'
/// (<see cref="ServerKeyRing.CreateSigningMaterial"/>). Every instance sharing the database uses the same pair, so a
/// subscription made through one can be pushed to by any; when two instances create it at once the table's primary key
/// keeps the first, and the other reads it. Browsers subscribe with the public key and keep it, so it is never rotated.
/// </summary>
internal sealed class VapidKeys(ServerKeyStore store, TimeProvider time)
{
    /// <summary>The <c>ServerKeys</c> use of the pair.</summary>
    public const string Use = "vapid";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private VapidKeyPair? _pair;

    /// <summary>The pair: from memory, else from the database, else newly made and stored.</summary>
    public async Task<VapidKeyPair> GetAsync(CancellationToken cancellationToken)
    {
        if (_pair is { } pair)
        {
            return pair;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_pair is null)
            {
                var stored = await store.FindAsync(Use, cancellationToken);
                if (stored is null)
                {
                    // Another instance may store its pair first: then the second read returns theirs.
                    await store.TryAddAsync(NewKey(), cancellationToken);
                    stored = await store.FindAsync(Use, cancellationToken)
                        ?? throw new InvalidOperationException("The VAPID key could not be stored.");
                }

                _pair = Read(stored);
            }

            return _pair;
        }
        finally
        {
            _loading.Release();
        }
    }

    private ServerKey NewKey() => new()
    {
        Use = Use,
        KeyId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
        Material = ServerKeyRing.CreateSigningMaterial(),
        CreatedAt = time.GetUtcNow(),
    };

    private static VapidKeyPair Read(ServerKey stored)
    {
        var jwk = new JsonWebKey(stored.Material);
        var x = Base64Url.DecodeFromChars(jwk.X);
        var y = Base64Url.DecodeFromChars(jwk.Y);
        var point = new byte[65];
        point[0] = 0x04;
        x.CopyTo(point, 1 + 32 - x.Length);
        y.CopyTo(point, 33 + 32 - y.Length);
        return new VapidKeyPair(Base64Url.EncodeToString(point), jwk.D);
    }
}
