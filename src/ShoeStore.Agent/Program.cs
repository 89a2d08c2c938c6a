using Mandate.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Terminal;
using ShoeStore.Agent.Tools.Mcp;

var configuration = AgentConfiguration.Build(args, Directory.GetCurrentDirectory());
AgentOptions options;
try
{
    options = AgentOptions.Read(configuration);
}
catch (InvalidOperationException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

await using var services = new ServiceCollection().AddShoeStoreAgent(configuration, options).BuildServiceProvider();
try
{
    _ = services.GetRequiredService<IOptions<MandateClientOptions>>().Value;
    await AgentStartup.ConnectToolsAsync(services, CancellationToken.None);
    _ = services.GetRequiredService<ChatSession>();
}
catch (McpToolsUnavailableException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
catch (OptionsValidationException exception)
{
    await Console.Error.WriteLineAsync(
        $"The agent's OAuth settings are incomplete: {string.Join(" ", exception.Failures)}\n" +
        "Run the demo first (dotnet run --project src/ShoeStore.Demo), which writes .mandate/demo.env, or set the PINGONE_* variables (docs/agent.md).");
    return 2;
}
catch (InvalidOperationException exception)
{
    await Console.Error.WriteLineAsync("The tool policies are not valid: " + exception.Message);
    return 2;
}

var model = ChatClientFactory.Describe(options.LanguageModel);
return Console.IsInputRedirected
    ? await services.GetRequiredService<LineChat>().RunAsync(Console.In, Console.Out, Console.Error, model, CancellationToken.None)
    : await services.GetRequiredService<InteractiveChat>().RunAsync(Console.In, model);
