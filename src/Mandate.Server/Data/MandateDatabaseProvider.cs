namespace Mandate.Server.Data;

/// <summary>The database engines the authorization server runs on.</summary>
internal enum MandateDatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql), shared by several instances.</summary>
    PostgreSql,
}
