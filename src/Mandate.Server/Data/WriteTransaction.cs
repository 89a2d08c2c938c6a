using Microsoft.EntityFrameworkCore.Storage;

namespace Mandate.Server.Data;

/// <summary>
/// An explicit database transaction for a unit of work that writes several rows (<see
/// cref="MandateDbContext.BeginWriteTransactionAsync"/>). With SQLite it also holds the process's write gate for the
/// database (<see cref="SqliteWriteGate"/>) from before <c>BEGIN</c> until it is committed or disposed, so writers queue
/// without blocking threads instead of colliding on SQLite's single write lock. Disposing without <see
/// cref="CommitAsync"/> rolls back: nothing is half-written.
/// </summary>
internal sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private SemaphoreSlim? _gate;

    private WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) => (_transaction, _gate) = (transaction, gate);

    /// <summary>Waits at <paramref name="gate"/> when there is one, then begins a transaction on <paramref name="context"/>.</summary>
    public static async Task<WriteTransaction> BeginAsync(MandateDbContext context, SemaphoreSlim? gate, CancellationToken cancellationToken)
    {
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return new WriteTransaction(await context.Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    /// <summary>Commits every change made in the transaction.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    /// <summary>Rolls back what was not committed and lets the next writer in.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _gate, null)?.Release();
        }
    }
}
