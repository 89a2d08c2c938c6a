using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Terminal;

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

// Where the OAuth settings come from, said when they are incomplete.
const string oauthHint =
    "Run the demo first (dotnet run --project src/ShoeStore.Demo), which writes .mandate/demo.env, or set the PINGONE_* variables (docs/agent.md).";
await using var services = new ServiceCollection().AddShoeStoreAgent(configuration, options).BuildServiceProvider();
if (await AgentStartup.PrepareAsync(services, oauthHint, CancellationToken.None) is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 2;
}

var model = ChatClientFactory.Describe(options.LanguageModel);
return Console.IsInputRedirected
    ? await services.GetRequiredService<LineChat>().RunAsync(Console.In, Console.Out, Console.Error, model, CancellationToken.None)
    : await services.GetRequiredService<InteractiveChat>().RunAsync(Console.In, model);
