using System.Text.Json;

namespace Mandate.Server.Tests.Hosting;

/// <summary>The runtime settings the <c>Mandate.Server</c> host is built with (its project file, written to
/// <c>Mandate.Server.runtimeconfig.json</c>; docs/deploy.md, "Memory, garbage collection and the thread pool").</summary>
public sealed class HostRuntimeSettingsTests
{
    private static readonly JsonElement Settings = ReadSettings();

    [Fact]
    public void TheHost_RunsTheServerCollector_WithoutDynamicAdaptation()
    {
        Assert.True(Settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, Settings.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }

    [Fact]
    public void TheHost_RunsTheThreadPool_WithoutHillClimbing()
    {
        Assert.True(Settings.GetProperty("System.Threading.ThreadPool.HillClimbing.Disable").GetBoolean());
    }

    private static JsonElement ReadSettings()
    {
        // The build copies the referenced host's runtimeconfig.json next to this test assembly.
        var path = Path.Combine(AppContext.BaseDirectory, "Mandate.Server.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
