namespace Mandate.Server.Tests.Infrastructure;

/// <summary>A fact that stops and starts <see cref="RestartablePostgreSql"/>; skipped, with the reason, when it cannot.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RestartablePostgreSqlFactAttribute : FactAttribute
{
    public RestartablePostgreSqlFactAttribute() => Skip = RestartablePostgreSql.SkipReason;
}
