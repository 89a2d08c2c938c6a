namespace Mandate.TestSupport.PostgreSql;

/// <summary>
/// Marks a test class that runs on PostgreSQL: its <see cref="DatabaseFactAttribute"/> and
/// <see cref="DatabaseTheoryAttribute"/> tests are reported as skipped, with the reason, when
/// <c>MANDATE_TEST_POSTGRES</c> is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgreSqlAttribute : Attribute;
