using System.Data.Common;
using Npgsql;

namespace Mandate.Data;

/// <summary>
/// Recognises a database failure that a retry may cure: the server restarting, a dropped connection, a full pool.
/// Such a request changed nothing that matters (each state change is one statement or one transaction, rolled back
/// when it fails; an order retried with the same Idempotency-Key cannot be placed twice), so the server and the store
/// answer 503 with Retry-After instead of 500.
/// </summary>
internal static class TransientDatabaseFault
{
    /// <summary>How long a client should wait before retrying, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>
    /// Whether <paramref name="exception"/> or one of its inner exceptions is transient: the provider says so
    /// (<see cref="DbException.IsTransient"/>), Npgsql lost the connection (an I/O error or a timeout), or PostgreSQL is
    /// shutting down or starting up (SQLSTATE 57P01..57P03) or refused the connection (class 08).
    /// </summary>
    public static bool Is(Exception? exception)
    {
        // EF Core may wrap the provider's exception (e.g. "likely due to a transient failure"); the chain is short.
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true } or NpgsqlException { InnerException: IOException or TimeoutException })
            {
                return true;
            }

            // 57P01..57P03: the server is shutting down or starting up; class 08: connection exceptions.
            if (exception is PostgresException { SqlState: var state } && (state.StartsWith("57P0", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
