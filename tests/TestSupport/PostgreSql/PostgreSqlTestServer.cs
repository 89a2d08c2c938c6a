namespace Mandate.TestSupport.PostgreSql;

/// <summary>
/// The PostgreSQL server the tests may use: <c>MANDATE_TEST_POSTGRES</c> holds an Npgsql connection string for a
/// role that may create databases (scripts/postgres.sh sets one up and writes it to .mandate/test-postgres.env).
/// </summary>
public static class PostgreSqlTestServer
{
    public const string VariableName = "MANDATE_TEST_POSTGRES";

    public const string SkipReason =
        "PostgreSQL run skipped: MANDATE_TEST_POSTGRES is not set (run scripts/postgres.sh, then: set -a; . .mandate/test-postgres.env; set +a)";

    /// <summary>The connection string, or null when the variable is not set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;
}
