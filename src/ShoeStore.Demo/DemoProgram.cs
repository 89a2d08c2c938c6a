using Microsoft.Extensions.Configuration;
using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Configuration;
using ShoeStore.Demo.Hosting;
using ShoeStore.Demo.Terminal;

namespace ShoeStore.Demo;

/// <summary>
/// <c>dotnet run --project src/ShoeStore.Demo</c>: starts Mandate.Server and ShoeStore.Api in this process, waits until
/// both answer, prints where the device page is and who to sign in as, then runs the shopping assistant's chat (or,
/// with <c>--no-agent</c>, just keeps the servers up). Ctrl+C or the end of the chat stops both servers.
/// </summary>
internal static class DemoProgram
{
    public static async Task<int> Main(string[] args)
    {
        DemoCommandLine commandLine;
        try
        {
            commandLine = DemoCommandLine.Parse(args);
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        if (commandLine.Help)
        {
            await Console.Out.WriteAsync(DemoCommandLine.Usage);
            return 0;
        }

        var workingDirectory = Directory.GetCurrentDirectory();
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(commandLine.ConfigurationArgs, DemoCommandLine.SwitchMappings.ToDictionary())
            .Build();
        DemoSettings settings;
        try
        {
            settings = DemoSettings.Read(configuration, workingDirectory);
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        using var tracing = DemoTracing.Start(settings.Traces);
        using var shutdown = ShutdownSignal.Register();
        var interactive = !commandLine.NoAgent && !Console.IsInputRedirected;

        // Standard output belongs to the chat's replies when they are scripted (stdin redirected).
        var screen = commandLine.NoAgent || interactive ? Console.Out : Console.Error;
        await screen.WriteLineAsync("Starting the authorization server and the store…");
        DemoServers servers;
        try
        {
            servers = await DemoServers.StartAsync(settings, configuration, shutdown.Token);
        }
        catch (DemoStartException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return 0;
        }

        try
        {
            return await RunAsync(servers, commandLine, workingDirectory, interactive, screen, shutdown);
        }
        finally
        {
            await Console.Error.WriteLineAsync("Stopping the servers…");
            await servers.DisposeAsync();
            await Console.Error.WriteLineAsync("Stopped.");
        }
    }

    private static async Task<int> RunAsync(
        DemoServers servers, DemoCommandLine commandLine, string workingDirectory, bool interactive, TextWriter screen, ShutdownSignal shutdown)
    {
        DemoCredentials? credentials = null;
        string? problem = null;
        try
        {
            credentials = DemoCredentials.Read(servers.DemoEnvPath, servers.DataDirectory);
        }
        catch (InvalidOperationException exception)
        {
            problem = exception.Message;
        }

        DemoBanner.Write(screen, servers.Endpoints, servers.DataDirectory, servers.DemoEnvPath, workingDirectory,
            servers.FirstStart, credentials, commandLine.ShowPassword);
        if (commandLine.NoAgent)
        {
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            await screen.WriteLineAsync("Servers running (--no-agent). Ctrl+C stops them.");
            await shutdown.Requested;
            return 0;
        }

        if (credentials is null)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var agentConfiguration = DemoAgent.BuildConfiguration(commandLine.ConfigurationArgs, servers.Endpoints, credentials, servers.DataDirectory);

        // The chat blocks on standard input; it runs beside the wait for Ctrl+C (when idle) or SIGTERM.
        var chat = Task.Run(() => DemoAgent.RunAsync(agentConfiguration, interactive, Console.In, Console.Out, Console.Error, shutdown));
        var first = await Task.WhenAny(chat, shutdown.Requested);
        return first == chat ? await chat : 0;
    }
}
