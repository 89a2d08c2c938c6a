using Xunit.Sdk;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// A fact that runs against its class's store database. In a <see cref="RequiresPostgreSqlAttribute"/> class it is
/// skipped, with the reason in the output and the totals, when no PostgreSQL server is configured.
/// </summary>
[XunitTestCaseDiscoverer("ShoeStore.Api.Tests.Fixtures.DatabaseFactDiscoverer", "ShoeStore.Api.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;
