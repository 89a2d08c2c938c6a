using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Mandate.Packages.Tests;

/// <summary>One packed package: its .nupkg (files and nuspec) and its .snupkg (the PDB).</summary>
internal sealed class PackedPackage
{
    private readonly Dictionary<string, byte[]> _files;
    private readonly Dictionary<string, byte[]> _symbols;

    private PackedPackage(string id, Dictionary<string, byte[]> files, Dictionary<string, byte[]> symbols)
    {
        Id = id;
        _files = files;
        _symbols = symbols;
        Metadata = XDocument.Load(new MemoryStream(files[id + ".nuspec"])).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public string Id { get; }

    /// <summary>The nuspec's metadata element.</summary>
    public XElement Metadata { get; }

    public IEnumerable<string> Files => _files.Keys;

    public static PackedPackage Open(string id)
    {
        var path = Path.Combine(PackageSettings.Folder!, $"{id}.{PackageSettings.Version}");
        return new PackedPackage(id, ReadZip(path + ".nupkg"), ReadZip(path + ".snupkg"));
    }

    public byte[] File(string path) => _files[path];

    public string? Element(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    public XElement? ElementWithAttributes(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>The dependencies of the net10.0 group: id → version.</summary>
    public Dictionary<string, string> Dependencies() =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!, StringComparer.Ordinal);

    public string[] FrameworkReferences() =>
        [.. Metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string)e.Attribute("name")!)];

    /// <summary>The assembly's metadata (types, attributes) from lib/net10.0.</summary>
    public T ReadAssembly<T>(Func<MetadataReader, T> read)
    {
        using var pe = new PEReader(new MemoryStream(File($"lib/net10.0/{Id}.dll")));
        return read(pe.GetMetadataReader());
    }

    /// <summary>The portable PDB of the .snupkg.</summary>
    public T ReadPdb<T>(Func<MetadataReader, T> read)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(_symbols[$"lib/net10.0/{Id}.pdb"]));
        return read(provider.GetMetadataReader());
    }

    private static Dictionary<string, byte[]> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return files;
    }
}
