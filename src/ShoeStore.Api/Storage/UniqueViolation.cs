using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ShoeStore.Api.Storage;

/// <summary>Recognises a save refused by a unique index or primary key.</summary>
internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool Is(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };
}
