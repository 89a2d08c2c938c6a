using Mandate.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mandate.Shared.Tests.Data;

/// <summary>Which database failures the server and the store answer with 503 and Retry-After instead of 500.</summary>
public sealed class TransientDatabaseFaultTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is restarting
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: still starting
    [InlineData("53300")] // too_many_connections
    [InlineData("40P01")] // deadlock_detected
    public void PostgreSqlRestartOrOverload_IsTransient(string sqlState)
    {
        Assert.True(TransientDatabaseFault.Is(new PostgresException("m", "FATAL", "FATAL", sqlState)));
    }

    [Theory]
    [InlineData("08000")] // connection_exception
    [InlineData("08003")] // connection_does_not_exist
    [InlineData("08006")] // connection_failure
    public void PostgreSqlConnectionException_IsTransient(string sqlState)
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
    public void NpgsqlTimeout_IsTransient()
    {
        var timedOut = new NpgsqlException("The operation has timed out", new TimeoutException());

        Assert.True(TransientDatabaseFault.Is(new DbUpdateException("save failed", timedOut)));
    }

    [Fact]
    public void ConstraintViolationsAndProgrammingErrors_AreNotTransient()
    {
        Assert.False(TransientDatabaseFault.Is(new PostgresException("m", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(TransientDatabaseFault.Is(new PostgresException("m", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable)));
        Assert.False(TransientDatabaseFault.Is(new NpgsqlException("protocol error", new InvalidOperationException("bug"))));
        Assert.False(TransientDatabaseFault.Is(new SqliteException("constraint failed", 19)));
        Assert.False(TransientDatabaseFault.Is(new InvalidOperationException("bug")));
        Assert.False(TransientDatabaseFault.Is(null));
    }
}
