using Microsoft.Extensions.Configuration;

namespace ShoeStore.Agent.Configuration;

/// <summary>
/// Where the agent's settings come from, later ones winning: <c>appsettings.json</c> beside the program (the tool
/// policy table), <c>.mandate/demo.env</c> under the working directory when present (folder set by
/// <c>Mandate__DataDirectory</c>), the environment, the command line.
/// </summary>
internal static class AgentConfiguration
{
    /// <summary>The default data directory, relative to the working directory.</summary>
    public const string DefaultDataDirectory = ".mandate";

    public static IConfigurationRoot Build(string[] args, string workingDirectory)
    {
        var dataDirectory = Environment.GetEnvironmentVariable("Mandate__DataDirectory") is { Length: > 0 } configured
            ? configured
            : DefaultDataDirectory;
        var demoEnv = Path.Combine(Path.GetFullPath(dataDirectory, workingDirectory), DemoEnvFile.FileName);
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddInMemoryCollection(DemoEnvFile.ReadIfExists(demoEnv))
            .AddEnvironmentVariables()
            .AddCommandLine(args, AgentOptions.SwitchMappings.ToDictionary(StringComparer.OrdinalIgnoreCase))
            .Build();
    }
}
