using Xunit.Sdk;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// A theory that runs against its class's server database. In a <see cref="RequiresPostgreSqlAttribute"/> class it
/// is skipped (as one test), with the reason, when no PostgreSQL server is configured.
/// </summary>
[XunitTestCaseDiscoverer("Mandate.Server.Tests.Infrastructure.DatabaseTheoryDiscoverer", "Mandate.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;
