using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>Which database failures the API answers with 503 and Retry-After instead of 500.</summary>
public sealed class TransientDatabaseFaultTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is restarting
    [InlineData("57P03")] // cannot_connect_now: still starting
    [InlineData("53300")] // too_many_connections
    [InlineData("40P01")] // deadlock_detected
    public void PostgreSqlRestartOrOverload_IsTransient(string sqlState)
    {
        Assert.True(TransientDatabaseFault.Is(new PostgresException("m", "FATAL", "FATAL", sqlState)));
    }

    [Fact]
    public void DroppedConnection_WrappedByEfCore_IsTransient()
    {
        var dropped = new NpgsqlException("Exception while reading from stream", new IOException("connection reset"));

        Assert.True(TransientDatabaseFault.Is(new DbUpdateException("save failed", dropped)));
        Assert.True(TransientDatabaseFault.Is(new InvalidOperationException("likely due to a transient failure", dropped)));
    }

    [Fact]
    public void ConstraintViolationsAndProgrammingErrors_AreNotTransient()
    {
        Assert.False(TransientDatabaseFault.Is(new PostgresException("m", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(TransientDatabaseFault.Is(new PostgresException("m", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable)));
        Assert.False(TransientDatabaseFault.Is(new SqliteException("constraint failed", 19)));
        Assert.False(TransientDatabaseFault.Is(new InvalidOperationException("bug")));
        Assert.False(TransientDatabaseFault.Is(null));
    }
}
