using Xunit.Sdk;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>
/// A fact that runs against its class's database. In a <see cref="RequiresPostgreSqlAttribute"/> class it is
/// skipped, with the reason in the output and the totals, when no PostgreSQL server is configured.
/// </summary>
[XunitTestCaseDiscoverer("Mandate.TestSupport.PostgreSql.DatabaseFactDiscoverer", "Mandate.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;
