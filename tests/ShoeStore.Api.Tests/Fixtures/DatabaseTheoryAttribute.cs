using Xunit.Sdk;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// A theory that runs against its class's store database. In a <see cref="RequiresPostgreSqlAttribute"/> class it is
/// skipped (as one test), with the reason, when no PostgreSQL server is configured.
/// </summary>
[XunitTestCaseDiscoverer("ShoeStore.Api.Tests.Fixtures.DatabaseTheoryDiscoverer", "ShoeStore.Api.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;
