using System.Reflection.Metadata;

namespace Mandate.Packages.Tests;

/// <summary>
/// Each package depends on what its user needs and nothing else: no test, bench or demo project, no ASP.NET Core for
/// the agent-side libraries that do not map endpoints (docs/packages.md).
/// </summary>
public sealed class PackageDependencyTests
{
    private const string AspNetCore = "Microsoft.AspNetCore.App";

    public static TheoryData<string, string[], string[]> Expected => new()
    {
        {
            "Mandate.Client",
            ["Microsoft.Extensions.Configuration.Binder", "Microsoft.Extensions.Http", "Microsoft.Extensions.Logging.Abstractions",
                "Microsoft.Extensions.Options", "Microsoft.IdentityModel.JsonWebTokens"],
            []
        },
        { "Mandate.Client.AspNetCore", ["Mandate.Client"], [AspNetCore] },
        {
            "Mandate.AI",
            ["Mandate.Client", "Microsoft.Data.Sqlite", "Microsoft.Extensions.AI", "Microsoft.Extensions.Configuration.Abstractions",
                "Microsoft.Extensions.Http", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options"],
            []
        },
        {
            "Mandate.Server",
            ["Fido2", "Fido2.Models", "Lib.Net.Http.WebPush", "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore",
                "Microsoft.EntityFrameworkCore.Relational", "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.IdentityModel.JsonWebTokens",
                "NSec.Cryptography", "Npgsql.EntityFrameworkCore.PostgreSQL", "OpenIddict.EntityFrameworkCore", "OpenIddict.Server.AspNetCore"],
            [AspNetCore]
        },
        { "Mandate.Testing", ["Mandate.Server", "Microsoft.AspNetCore.TestHost"], [AspNetCore] },
    };

    [PackagesTheory]
    [MemberData(nameof(Expected))]
    public void Dependencies_AreWhatTheLibraryUses_AtTheCentralVersions(string id, string[] packages, string[] frameworks)
    {
        var package = PackedPackage.Open(id);

        var dependencies = package.Dependencies();
        Assert.Equal(packages.Order(StringComparer.Ordinal), dependencies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(frameworks, package.FrameworkReferences());
        Assert.All(dependencies, dependency => Assert.Equal(
            dependency.Key.StartsWith("Mandate.", StringComparison.Ordinal)
                ? PackageSettings.Version
                : PackageSettings.CentralVersions[dependency.Key],
            dependency.Value));
    }

    [PackagesTheory]
    [InlineData("Mandate.Server")]
    public void ServerPackage_IsTheLibrary_WithoutTheHostOrTheDemoSeed(string id)
    {
        var types = PackedPackage.Open(id).ReadAssembly(reader => reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Select(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}").ToList());

        Assert.Contains("Microsoft.Extensions.Hosting.MandateServerHostExtensions", types);
        Assert.DoesNotContain(".Program", types);
        Assert.DoesNotContain(types, type => type.StartsWith("Mandate.Server.Demo.", StringComparison.Ordinal));
        Assert.DoesNotContain(PackedPackage.Open(id).Files, file => file.EndsWith(".runtimeconfig.json", StringComparison.Ordinal));
    }

    [PackagesTheory]
    [MemberData(nameof(PackageContentTests.Ids), MemberType = typeof(PackageContentTests))]
    public void Assembly_ReferencesNoTestBenchOrDemoAssembly(string id)
    {
        var references = PackedPackage.Open(id).ReadAssembly(reader =>
            reader.AssemblyReferences.Select(r => reader.GetString(reader.GetAssemblyReference(r).Name)).ToList());

        // The repository's other assemblies (the store, the demo, test support, benches) and test frameworks.
        Assert.DoesNotContain(references, name =>
            name.StartsWith("ShoeStore.", StringComparison.Ordinal) || name.StartsWith("xunit", StringComparison.Ordinal) ||
            (name.StartsWith("Mandate.", StringComparison.Ordinal) && !PackageSettings.Ids.Contains(name)));
    }
}
