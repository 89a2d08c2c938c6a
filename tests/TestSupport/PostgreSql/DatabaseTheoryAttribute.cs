using Xunit.Sdk;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>
/// A theory that runs against its class's database. In a <see cref="RequiresPostgreSqlAttribute"/> class it
/// is skipped (as one test), with the reason, when no PostgreSQL server is configured.
/// </summary>
[XunitTestCaseDiscoverer("Mandate.TestSupport.PostgreSql.DatabaseTheoryDiscoverer", "Mandate.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;
