using System.Security.Cryptography;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Keys;

/// <summary>
/// The server's ES256 signing key and its encryption key, generated once and persisted in the database
/// (so every instance sharing the database signs with the same key and a restart never rotates it).
/// </summary>
public sealed class ServerKeyRing(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly Lock _gate = new();
    private (ECDsaSecurityKey Signing, SymmetricSecurityKey Encryption)? _keys;

    /// <summary>The ES256 signing key (with its private part).</summary>
    public ECDsaSecurityKey SigningKey => Load().Signing;

    /// <summary>The symmetric key OpenIddict requires for its encrypted token formats.</summary>
    public SymmetricSecurityKey EncryptionKey => Load().Encryption;

    private (ECDsaSecurityKey Signing, SymmetricSecurityKey Encryption) Load()
    {
        lock (_gate)
        {
            if (_keys is { } keys)
            {
                return keys;
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
            var signing = LoadOrCreate(db, "sig", CreateSigningMaterial);
            var encryption = LoadOrCreate(db, "enc", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

            var jwk = new JsonWebKey(signing.Material);
            var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = Base64UrlEncoder.DecodeBytes(jwk.D),
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
            });
            var loaded = (
                new ECDsaSecurityKey(ecdsa) { KeyId = signing.KeyId },
                new SymmetricSecurityKey(Convert.FromBase64String(encryption.Material)) { KeyId = encryption.KeyId });
            _keys = loaded;
            return loaded;
        }
    }

    private ServerKey LoadOrCreate(MandateDbContext db, string use, Func<string> create)
    {
        var existing = db.ServerKeys.AsNoTracking().SingleOrDefault(k => k.Use == use);
        if (existing is not null)
        {
            return existing;
        }

        var key = new ServerKey
        {
            Use = use,
            KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            Material = create(),
            CreatedAt = time.GetUtcNow(),
        };
        db.ServerKeys.Add(key);
        try
        {
            db.SaveChanges();
            return key;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another instance created it first: use theirs.
            db.ChangeTracker.Clear();
            return db.ServerKeys.AsNoTracking().Single(k => k.Use == use);
        }
    }

    private static string CreateSigningMaterial()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X!),
            ["y"] = Base64UrlEncoder.Encode(p.Q.Y!),
            ["d"] = Base64UrlEncoder.Encode(p.D!),
        };
        return System.Text.Json.JsonSerializer.Serialize(jwk);
    }
}
