using Mandate.AI.Functions;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Offline;
using ShoeStore.Agent.Tests.Fakes;

namespace ShoeStore.Agent.Tests.Chat;

public sealed class ChatClientFactoryTests
{
    [Fact]
    public void CreateModel_NoSettings_IsTheOfflinePlanner()
    {
        using var model = ChatClientFactory.CreateModel(null);

        Assert.IsType<OfflinePlanner>(model);
        Assert.Contains("offline planner", ChatClientFactory.Describe(null), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateModel_OpenAICompatibleSettings_IsTheOpenAIClientForThatModelAndEndpoint()
    {
        var settings = new LanguageModelSettings("sk-test", new Uri("http://127.0.0.1:11434/v1"), "llama3.1");

        using var model = ChatClientFactory.CreateModel(settings);

        Assert.IsNotType<OfflinePlanner>(model);
        var metadata = model.GetService<ChatClientMetadata>();
        Assert.Equal("llama3.1", metadata?.DefaultModelId);
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), metadata?.ProviderUri);
        Assert.DoesNotContain("sk-test", ChatClientFactory.Describe(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePipeline_PutsToolAuthorizationOutsideFunctionInvocation()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IToolTokenSource>(new FakeToolTokenSource())
            .AddToolAuthorization(_ => { })
            .BuildServiceProvider();

        using var pipeline = ChatClientFactory.CreatePipeline(new OfflinePlanner(), services);

        Assert.IsType<ToolAuthorizingChatClient>(pipeline);
        Assert.NotNull(pipeline.GetService<FunctionInvokingChatClient>());
    }
}
