using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Data;

/// <summary>The server's data in SQLite (the embedded default); migrations in <c>Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteMandateDbContext(DbContextOptions<SqliteMandateDbContext> options) : MandateDbContext(options)
{
    private SemaphoreSlim? _writeGate;

    /// <inheritdoc />
    /// <remarks>Waits its turn at the process's write gate for this database (<see cref="SqliteWriteGate"/>), unless a
    /// transaction the caller opened already holds SQLite's write lock.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var gate = WriteGate();
        gate.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Waits its turn at the process's write gate for this database (<see cref="SqliteWriteGate"/>), unless a
    /// transaction the caller opened already holds SQLite's write lock.</remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var gate = WriteGate();
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Waits its turn at the write gate first; the transaction holds it until it ends.</remarks>
    public override Task<WriteTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) =>
        WriteTransaction.BeginAsync(this, WriteGate(), cancellationToken);

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants as UTC ticks: SQLite has no date type, and can compare and order integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private SemaphoreSlim WriteGate() =>
        _writeGate ??= SqliteWriteGate.For(Database.GetConnectionString() ?? "");
}
