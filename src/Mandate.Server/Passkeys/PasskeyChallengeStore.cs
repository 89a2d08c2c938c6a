using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Passkeys;

/// <summary>
/// Challenges handed to the browser (<c>PasskeyChallenges</c>), kept server-side, short-lived and single use (WebAuthn
/// Level 3 §13.4.3). The browser returns a challenge inside <c>clientDataJSON</c> (§5.8.1); <see cref="TakeAsync"/>
/// finds it by its SHA-256 and deletes it, so it answers at most one ceremony, whatever the outcome.
/// </summary>
internal sealed class PasskeyChallengeStore(MandateDbContext db, TimeProvider time)
{
    /// <summary>Stores a challenge for <see cref="PasskeyPolicy.ChallengeLifetime"/>.</summary>
    public async Task SaveAsync(byte[] challenge, PasskeyChallengeRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (RandomNumberGenerator.GetInt32(16) == 0)
        {
            await db.PasskeyChallenges.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        record.Id = Key(challenge);
        record.ExpiresAt = now + PasskeyPolicy.ChallengeLifetime;
        db.PasskeyChallenges.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }

    /// <summary>Takes (finds and deletes) the unexpired challenge of <paramref name="purpose"/> that
    /// <paramref name="clientDataJson"/> names; null when there is none, it expired, it is for something else, or
    /// another call took it first.</summary>
    public async Task<PasskeyChallengeRecord?> TakeAsync(byte[]? clientDataJson, string purpose, CancellationToken cancellationToken)
    {
        if (ChallengeOf(clientDataJson) is not { } challenge)
        {
            return null;
        }

        var id = Key(challenge);
        var record = await db.PasskeyChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (record is null || await db.PasskeyChallenges.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) != 1)
        {
            return null;
        }

        return record.Purpose == purpose && time.GetUtcNow() < record.ExpiresAt ? record : null;
    }

    /// <summary>The <c>challenge</c> member of <c>clientDataJSON</c> (WebAuthn Level 3 §5.8.1), decoded; null when it
    /// is missing or malformed.</summary>
    public static byte[]? ChallengeOf(byte[]? clientDataJson)
    {
        if (clientDataJson is null || clientDataJson.Length is 0 or > 4096)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(clientDataJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("challenge", out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 and <= 128 } text && Base64Url.IsValid(text)
                ? Base64Url.DecodeFromChars(text)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Key(byte[] challenge) => Base64Url.EncodeToString(SHA256.HashData(challenge));
}
