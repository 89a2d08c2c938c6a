using System.Xml.Linq;

namespace Mandate.Packages.Tests;

/// <summary>What scripts/test-packages.sh packed (its .mandate/test-packages.env) and what the repository says.</summary>
internal static class PackageSettings
{
    public const string SkipReason =
        "MANDATE_TEST_PACKAGES is not set: scripts/test-packages.sh packs the libraries and writes it to " +
        ".mandate/test-packages.env (docs/packages.md)";

    // First: the properties below read files under it (static initializers run in declaration order).
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The packages scripts/pack.sh writes.</summary>
    public static readonly string[] Ids = ["Mandate.Client", "Mandate.Client.AspNetCore", "Mandate.AI", "Mandate.Server", "Mandate.Testing"];

    public static string? Folder => Environment.GetEnvironmentVariable("MANDATE_TEST_PACKAGES") is { Length: > 0 } folder ? folder : null;

    /// <summary>The git remote of the packed copy, e.g. https://github.com/owner/name.git.</summary>
    public static string Repository => Required("MANDATE_TEST_PACKAGES_REPOSITORY");

    /// <summary>The commit the packed copy was made of.</summary>
    public static string Commit => Required("MANDATE_TEST_PACKAGES_COMMIT");

    /// <summary>The version every package has: VersionPrefix in Directory.Build.props, its one place.</summary>
    public static string Version { get; } = BuildProps().Descendants("VersionPrefix").Single().Value;

    /// <summary>The central package versions (Directory.Packages.props): id → version.</summary>
    public static IReadOnlyDictionary<string, string> CentralVersions { get; } =
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.Ordinal);

    private static XDocument BuildProps() => XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props"));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(name + " is not set (scripts/test-packages.sh writes it with MANDATE_TEST_PACKAGES)");

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Mandate.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Mandate.slnx not found above " + AppContext.BaseDirectory);
    }
}
