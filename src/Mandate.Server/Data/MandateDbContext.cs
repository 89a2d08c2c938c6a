using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Data;

/// <summary>
/// The server's database: OpenIddict applications and scopes plus users, CIBA requests, keys, ASP.NET Core
/// data-protection keys and audit. The model is shared; each provider has its own subclass
/// (<see cref="SqliteMandateDbContext"/>, <see cref="PostgreSqlMandateDbContext"/>) with its own migrations.
/// </summary>
internal abstract class MandateDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Begins an explicit transaction for a unit of work that writes several rows: <c>SaveChanges</c> inside it
    /// writes, <see cref="WriteTransaction.CommitAsync"/> makes it all durable at once, disposing without committing
    /// rolls it all back.
    /// </summary>
    public virtual Task<WriteTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) =>
        WriteTransaction.BeginAsync(this, gate: null, cancellationToken);

    /// <summary>Users.</summary>
    public DbSet<UserAccount> Users => Set<UserAccount>();

    /// <summary>CIBA requests.</summary>
    public DbSet<BackchannelRequestRecord> BackchannelRequests => Set<BackchannelRequestRecord>();

    /// <summary>Seen JWT ids.</summary>
    public DbSet<UsedJwtId> UsedJwtIds => Set<UsedJwtId>();

    /// <summary>Devices registered for Web Push.</summary>
    public DbSet<PushSubscriptionRecord> PushSubscriptions => Set<PushSubscriptionRecord>();

    /// <summary>The people's passkeys.</summary>
    public DbSet<PasskeyRecord> Passkeys => Set<PasskeyRecord>();

    /// <summary>WebAuthn challenges handed out and not yet used.</summary>
    public DbSet<PasskeyChallengeRecord> PasskeyChallenges => Set<PasskeyChallengeRecord>();

    /// <summary>Receipts of approvals signed with a passkey.</summary>
    public DbSet<ApprovalReceiptRecord> ApprovalReceipts => Set<ApprovalReceiptRecord>();

    /// <summary>Audit log.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Server keys other than the signing keys (the encryption key).</summary>
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();

    /// <summary>The signing keys, one row per generation.</summary>
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    /// <summary>Device sessions (sign-in on the device page).</summary>
    public DbSet<DeviceSessionRecord> DeviceSessions => Set<DeviceSessionRecord>();

    /// <summary>ASP.NET Core data-protection keys (the device session cookie), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();

        modelBuilder.Entity<UserAccount>(e =>
        {
            e.ToTable("Users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).HasMaxLength(100);
            e.Property(u => u.Username).HasMaxLength(100);
            e.HasIndex(u => u.Username).IsUnique();
        });
        modelBuilder.Entity<BackchannelRequestRecord>(e =>
        {
            e.ToTable("BackchannelRequests");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasMaxLength(64);
            e.Property(r => r.AuthReqIdHash).HasMaxLength(64);
            e.HasIndex(r => r.AuthReqIdHash).IsUnique();
            e.HasIndex(r => new { r.Subject, r.Status });
            e.Property(r => r.Status).HasConversion<int>();
            e.Property(r => r.ApprovalMethod).HasMaxLength(32);
            e.Property(r => r.TraceParent).HasMaxLength(64);
        });
        modelBuilder.Entity<UsedJwtId>(e =>
        {
            e.ToTable("UsedJwtIds");
            e.HasKey(j => j.Id);
            e.Property(j => j.Id).HasMaxLength(64);
            e.HasIndex(j => j.ExpiresAt);
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<ServerKey>(e =>
        {
            e.ToTable("ServerKeys");
            e.HasKey(k => k.Use);
            e.Property(k => k.Use).HasMaxLength(8);
        });
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("SigningKeys");
            e.HasKey(k => k.Generation);
            e.Property(k => k.Generation).ValueGeneratedNever();
            e.Property(k => k.KeyId).HasMaxLength(64);
            e.HasIndex(k => k.KeyId).IsUnique();
        });
        modelBuilder.Entity<DeviceSessionRecord>(e =>
        {
            e.ToTable("DeviceSessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.Subject).HasMaxLength(100);
            e.Property(s => s.SignInMethod).HasMaxLength(16).HasDefaultValue(Device.DeviceSignInMethod.Password);
            e.HasIndex(s => s.Subject);
            e.HasIndex(s => s.ExpiresAt);
        });
        modelBuilder.Entity<PasskeyRecord>(e =>
        {
            e.ToTable("Passkeys");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(32);
            e.Property(p => p.CredentialId).HasMaxLength(1400);
            e.HasIndex(p => p.CredentialId).IsUnique();
            e.Property(p => p.Subject).HasMaxLength(100);
            e.HasIndex(p => p.Subject);
            e.Property(p => p.Label).HasMaxLength(100);
        });
        modelBuilder.Entity<PasskeyChallengeRecord>(e =>
        {
            e.ToTable("PasskeyChallenges");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.Purpose).HasMaxLength(16);
            e.Property(c => c.Subject).HasMaxLength(100);
            e.Property(c => c.RequestId).HasMaxLength(64);
            e.HasIndex(c => c.ExpiresAt);
        });
        modelBuilder.Entity<ApprovalReceiptRecord>(e =>
        {
            e.ToTable("ApprovalReceipts");
            e.HasKey(r => r.Id);
            e.Property(r => r.RequestId).HasMaxLength(64);
            e.HasIndex(r => r.RequestId).IsUnique();
            e.Property(r => r.Subject).HasMaxLength(100);
            e.HasIndex(r => r.Subject);
            e.Property(r => r.CredentialId).HasMaxLength(1400);
        });
        modelBuilder.Entity<PushSubscriptionRecord>(e =>
        {
            e.ToTable("PushSubscriptions");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(32);
            e.Property(p => p.Subject).HasMaxLength(100);
            e.Property(p => p.Endpoint).HasMaxLength(2048);
            e.Property(p => p.P256dh).HasMaxLength(128);
            e.Property(p => p.Auth).HasMaxLength(64);
            e.Property(p => p.Label).HasMaxLength(100);
            e.HasIndex(p => p.Subject);
            e.HasIndex(p => p.Endpoint).IsUnique();
        });
    }
}
