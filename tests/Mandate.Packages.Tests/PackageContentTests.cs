using System.Reflection.Metadata;
using System.Text.Json;
using System.Xml.Linq;

namespace Mandate.Packages.Tests;

/// <summary>What each package carries besides its dependencies: files, metadata, docs, symbols (docs/packages.md).</summary>
public sealed class PackageContentTests
{
    // The portable PDB's SourceLink record (the JSON that maps source paths to URLs).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static TheoryData<string> Ids => [.. PackageSettings.Ids];

    [PackagesTheory]
    [MemberData(nameof(Ids))]
    public void Files_AreTheAssemblyItsXmlDocsAndTheReadme(string id)
    {
        var package = PackedPackage.Open(id);

        var files = package.Files.Where(f => !f.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { "[Content_Types].xml", "README.md", $"_rels/.rels", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml", $"{id}.nuspec" }
                .Order(StringComparer.Ordinal),
            files);
    }

    [PackagesTheory]
    [MemberData(nameof(Ids))]
    public void Nuspec_NamesThePackageItsVersionAuthorsLicenseAndReadme(string id)
    {
        var package = PackedPackage.Open(id);

        Assert.Equal(id, package.Element("id"));
        Assert.Equal(PackageSettings.Version, package.Element("version"));
        Assert.False(string.IsNullOrWhiteSpace(package.Element("description")));
        Assert.Equal("Mandate contributors", package.Element("authors"));
        var license = package.ElementWithAttributes("license")!;
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", package.Element("readme"));
    }

    [PackagesTheory]
    [MemberData(nameof(Ids))]
    public void Readme_IsTheProjectsReadme(string id)
    {
        var package = PackedPackage.Open(id);

        var readme = File.ReadAllBytes(Path.Combine(PackageSettings.RepositoryRoot, "src", id, "README.md"));
        Assert.Equal(readme, package.File("README.md"));
        Assert.StartsWith("# " + id + "\n", System.Text.Encoding.UTF8.GetString(readme), StringComparison.Ordinal);
    }

    [PackagesTheory]
    [MemberData(nameof(Ids))]
    public void Nuspec_PointsAtTheRepositoryAndTheCommit(string id)
    {
        var repository = PackedPackage.Open(id).ElementWithAttributes("repository")!;

        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(PackageSettings.Repository, (string?)repository.Attribute("url"));
        Assert.Equal(PackageSettings.Commit, (string?)repository.Attribute("commit"));
    }

    [PackagesTheory]
    [MemberData(nameof(Ids))]
    public void XmlDocs_DocumentThePublicTypes(string id)
    {
        var package = PackedPackage.Open(id);
        var docs = XDocument.Load(new MemoryStream(package.File($"lib/net10.0/{id}.xml")));

        Assert.Equal(id, docs.Root!.Element("assembly")!.Element("name")!.Value);
        var documented = docs.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var publicTypes = package.ReadAssembly(reader => reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Where(t => (t.Attributes & System.Reflection.TypeAttributes.VisibilityMask) == System.Reflection.TypeAttributes.Public)
            .Select(t => $"T:{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}")
            .ToList());
        Assert.NotEmpty(publicTypes);
        Assert.All(publicTypes, type => Assert.Contains(type, documented));
    }

    [PackagesTheory]
    [MemberData(nameof(Ids))]
    public void Symbols_MapTheSourcesToTheCommitOnGitHub_WithNoPathOfTheBuildMachine(string id)
    {
        var package = PackedPackage.Open(id);

        var (sourceLink, documents) = package.ReadPdb(reader =>
        {
            var record = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
                .Select(reader.GetCustomDebugInformation).Single(c => reader.GetGuid(c.Kind) == SourceLinkKind);
            return (reader.GetBlobBytes(record.Value),
                reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList());
        });

        var map = JsonDocument.Parse(sourceLink).RootElement.GetProperty("documents");
        var ownerAndName = new Uri(PackageSettings.Repository).AbsolutePath.Trim('/');
        ownerAndName = ownerAndName.EndsWith(".git", StringComparison.Ordinal) ? ownerAndName[..^4] : ownerAndName;
        Assert.Equal($"https://raw.githubusercontent.com/{ownerAndName}/{PackageSettings.Commit}/*", map.GetProperty("/_/*").GetString());
        // ContinuousIntegrationBuild: every source path is under /_/, none names a folder of the machine that packed.
        Assert.NotEmpty(documents);
        Assert.All(documents, path => Assert.StartsWith("/_/", path, StringComparison.Ordinal));
    }
}
