namespace Mandate.Data;

/// <summary>The database engines the server and the store run on (docs/deploy.md, "Choosing the database").</summary>
internal enum DatabaseEngine
{
    /// <summary>An embedded SQLite file: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql), shared by several instances.</summary>
    PostgreSql,
}
