namespace Mandate.Server.Data;

/// <summary>A person who can approve CIBA requests on their device.</summary>
internal sealed class UserAccount
{
    /// <summary>Subject identifier (<c>sub</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>Sign-in name, also accepted as <c>login_hint</c>.</summary>
    public string Username { get; set; } = "";

    /// <summary>ASP.NET Core Identity password hash.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Optional CIBA user code (CIBA §7.1.2), hashed like a password.</summary>
    public string? UserCodeHash { get; set; }

    /// <summary>Profile claim <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Profile claim <c>email</c>.</summary>
    public string? Email { get; set; }

    /// <summary>Profile claim <c>address</c> as its JSON object (OIDC Core §5.1.1).</summary>
    public string? AddressJson { get; set; }

    /// <summary>The person's spending limit in hundredths of <c>Mandate:Spending:Currency</c> (docs/device.md,
    /// "Spending limit"); null while the configured default applies.</summary>
    public long? SpendingLimitCents { get; set; }

    /// <summary>Disabled users cannot sign in and cannot be named by a hint.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>No longer used (sign-in throttling is <c>Device/AccountThrottle.cs</c>, with no lockout); the column stays so
    /// that instances of the previous version keep working while a deployment is upgraded.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>No longer used; see <see cref="FailedSignIns"/>.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}
