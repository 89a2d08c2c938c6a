using Xunit.Sdk;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// A fact that runs against its class's server database. In a <see cref="RequiresPostgreSqlAttribute"/> class it is
/// skipped, with the reason in the output and the totals, when no PostgreSQL server is configured.
/// </summary>
[XunitTestCaseDiscoverer("Mandate.Server.Tests.Infrastructure.DatabaseFactDiscoverer", "Mandate.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;
