using Mandate.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mandate.Shared.Tests.Data;

/// <summary>Which failed saves count as a duplicate key on each engine (<see cref="UniqueViolation"/>).</summary>
public sealed class UniqueViolationTests
{
    [Theory]
    [InlineData(2067)] // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(1555)] // SQLITE_CONSTRAINT_PRIMARYKEY
    public void SqliteUniqueOrPrimaryKeyConstraint_IsAUniqueViolation(int extendedCode)
    {
        Assert.True(UniqueViolation.Is(new DbUpdateException("save failed", new SqliteException("constraint failed", 19, extendedCode))));
    }

    [Fact]
    public void PostgreSql23505_IsAUniqueViolation()
    {
        Assert.True(UniqueViolation.Is(new DbUpdateException("save failed", new PostgresException("m", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation))));
    }

    [Fact]
    public void OtherConstraintsAndFailures_AreNot()
    {
        Assert.False(UniqueViolation.Is(new DbUpdateException("save failed", new SqliteException("constraint failed", 19, 787)))); // FOREIGNKEY
        Assert.False(UniqueViolation.Is(new DbUpdateException("save failed", new PostgresException("m", "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation))));
        Assert.False(UniqueViolation.Is(new DbUpdateException("save failed", new InvalidOperationException("bug"))));
        Assert.False(UniqueViolation.Is(new DbUpdateException("save failed")));
    }
}
