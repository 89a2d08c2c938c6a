using System.Data.Common;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Recognises a database failure that a retry may cure: the server restarting, a dropped connection, a full pool.
/// Such a request changed nothing (its transaction rolled back), so the API answers 503 with Retry-After, not 500;
/// an order retried with the same Idempotency-Key cannot be placed twice.
/// </summary>
internal static class TransientDatabaseFault
{
    /// <summary>How long a client should wait before retrying, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    public static bool Is(Exception? exception)
    {
        // EF Core may wrap the provider's exception (e.g. "likely due to a transient failure"); the chain is short.
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
