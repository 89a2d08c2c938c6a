namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>Where the repository and the solution's build outputs are, seen from the test's own build output.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>Mandate.slnx</c>.</summary>
    public static string Root()
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

    /// <summary>
    /// <paramref name="project"/>'s program in its own build output, in the configuration and framework these tests were
    /// built in (e.g. <c>src/ShoeStore.Agent/bin/Release/net10.0/ShoeStore.Agent.dll</c>).
    /// </summary>
    public static string Program(string project)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var program = Path.Combine(Root(), "src", project, "bin", configuration, framework.Name, project + ".dll");
        Assert.True(File.Exists(program), $"{program} is not built");
        return program;
    }
}
