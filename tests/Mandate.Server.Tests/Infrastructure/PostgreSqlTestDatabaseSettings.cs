namespace Mandate.Server.Tests.Infrastructure;

/// <summary>The server settings that put a test server on a <see cref="PostgreSqlTestDatabase"/>.</summary>
public static class PostgreSqlTestDatabaseSettings
{
    /// <summary><c>ConnectionStrings:Mandate</c> = the database's connection string.</summary>
    public static Dictionary<string, string?> Settings(this PostgreSqlTestDatabase database) =>
        new() { ["ConnectionStrings:Mandate"] = database.ConnectionString };

    /// <summary>
    /// Settings for one of several instances on the database whose pool size comes from the server's own setting
    /// (<see cref="PostgreSqlTestDatabase.ConnectionStringWithoutPoolSize"/>).
    /// </summary>
    public static Dictionary<string, string?> SettingsWithoutPoolSize(this PostgreSqlTestDatabase database, string instance) =>
        new() { ["ConnectionStrings:Mandate"] = database.ConnectionStringWithoutPoolSize(instance) };
}
