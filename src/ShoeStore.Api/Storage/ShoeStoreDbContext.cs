using Microsoft.EntityFrameworkCore;

namespace ShoeStore.Api.Storage;

/// <summary>
/// The store's data: catalog, deals, customers, quotes, orders, idempotency records. One model for every provider;
/// each provider has its own subclass (<see cref="SqliteShoeStoreDbContext"/>, <see cref="PostgreSqlShoeStoreDbContext"/>)
/// so that each keeps its own migrations.
/// </summary>
internal abstract class ShoeStoreDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductSize> ProductSizes => Set<ProductSize>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Quote> Quotes => Set<Quote>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).HasMaxLength(64);
            product.Property(p => p.Brand).HasMaxLength(64);
            product.Property(p => p.Model).HasMaxLength(128);
            product.Property(p => p.Category).HasMaxLength(32);
            product.Property(p => p.Description).HasMaxLength(1000);
            product.Property(p => p.Currency).HasMaxLength(3);
            product.HasMany(p => p.Sizes).WithOne().HasForeignKey(s => s.ProductId);
            product.HasIndex(p => p.Category);
        });

        modelBuilder.Entity<ProductSize>(size =>
        {
            size.HasKey(s => new { s.ProductId, s.Size });
            size.Property(s => s.Size).HasConversion<SizeTenthsConverter>();
            size.ToTable(t => t.HasCheckConstraint("CK_ProductSizes_Stock_NotNegative", "\"Stock\" >= 0"));
        });

        modelBuilder.Entity<Deal>(deal =>
        {
            deal.HasKey(d => d.Id);
            deal.Property(d => d.Id).HasMaxLength(64);
            deal.Property(d => d.Title).HasMaxLength(128);
            deal.HasOne<Product>().WithMany().HasForeignKey(d => d.ProductId);
            deal.HasIndex(d => new { d.StartsAt, d.EndsAt });
        });

        modelBuilder.Entity<Customer>(customer =>
        {
            customer.HasKey(c => c.Subject);
            customer.Property(c => c.Subject).HasMaxLength(255);
            customer.Property(c => c.Name).HasMaxLength(128);
            customer.OwnsOne(c => c.ShippingAddress);
            customer.OwnsOne(c => c.Card, card => card.Property(c => c.Last4).HasMaxLength(4));
        });

        modelBuilder.Entity<Quote>(quote =>
        {
            quote.HasKey(q => q.Id);
            quote.Property(q => q.Id).HasMaxLength(64);
            quote.Property(q => q.Size).HasConversion<SizeTenthsConverter>();
            quote.HasIndex(q => q.Subject);
        });

        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).HasMaxLength(64);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            order.Property(o => o.ApprovalMethods).HasMaxLength(128);
            order.Property(o => o.Size).HasConversion<SizeTenthsConverter>();
            // One approval, one order: the database, not a read-then-write check, refuses a second one.
            order.HasIndex(o => o.ApprovalTokenId).IsUnique();
            order.HasIndex(o => new { o.Subject, o.CreatedAt });
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => r.Id);
            record.Property(r => r.Key).HasMaxLength(255);
            record.HasIndex(r => new { r.Subject, r.Key }).IsUnique();
        });
    }
}
