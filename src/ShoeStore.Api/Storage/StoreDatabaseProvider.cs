namespace ShoeStore.Api.Storage;

/// <summary>The database engines the store runs on.</summary>
internal enum StoreDatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql), shared by several instances.</summary>
    PostgreSql,
}
