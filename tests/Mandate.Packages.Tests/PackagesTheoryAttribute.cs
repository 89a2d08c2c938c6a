namespace Mandate.Packages.Tests;

/// <summary>A theory over packed packages: skipped, with the reason, when no packages were packed for the tests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PackagesTheoryAttribute : TheoryAttribute
{
    public PackagesTheoryAttribute()
    {
        if (PackageSettings.Folder is null)
        {
            Skip = PackageSettings.SkipReason;
        }
    }
}
