using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Data;

/// <summary>
/// Creates the first ASP.NET Core data-protection key at start-up (under <see cref="MandateStartupLock"/>) when the
/// database holds no usable one, so that instances starting together agree on one key instead of each making its
/// own on first use. Later keys are rolled by data protection itself, ahead of expiry, into the same table.
/// </summary>
internal sealed class DataProtectionKeyBootstrap(IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider time)
{
    /// <summary>Creates a key unless one is active now; true when it created one.</summary>
    public bool EnsureActiveKey()
    {
        var now = time.GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            return false;
        }

        keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
        return true;
    }
}
