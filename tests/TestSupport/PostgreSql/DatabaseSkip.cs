using Xunit.Abstractions;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>Decides, at discovery, whether a database test must be skipped, and why.</summary>
internal static class DatabaseSkip
{
    public static string? ReasonFor(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute).AssemblyQualifiedName).Any() &&
        PostgreSqlTestServer.ConnectionString is null
            ? PostgreSqlTestServer.SkipReason
            : null;
}
