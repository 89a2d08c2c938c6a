using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Offline;

namespace ShoeStore.Agent.Chat;

/// <summary>Picks the model: an OpenAI-compatible endpoint when configured, else the offline planner.</summary>
internal static class ChatClientFactory
{
    public static IChatClient CreateModel(LanguageModelSettings? settings)
    {
        if (settings is null)
        {
            return new OfflinePlanner();
        }

        var options = new OpenAIClientOptions();
        if (settings.BaseUrl is { } baseUrl)
        {
            options.Endpoint = baseUrl;
        }

        return new OpenAI.Chat.ChatClient(settings.Model, new ApiKeyCredential(settings.ApiKey), options).AsIChatClient();
    }

    /// <summary>How the start-up banner names the model.</summary>
    public static string Describe(LanguageModelSettings? settings) => settings is null
        ? "offline planner (no OPENAI_API_KEY or OPENAI_BASE_URL set): understands plain requests, no language model"
        : $"{settings.Model} at {settings.BaseUrl?.ToString() ?? "api.openai.com"}";

    /// <summary>The pipeline: tool authorization outside function invocation, so invoked tools are the authorized ones.</summary>
    public static IChatClient CreatePipeline(IChatClient model, IServiceProvider services) =>
        new ChatClientBuilder(model)
            .UseToolAuthorization()
            .UseFunctionInvocation(configure: invoker =>
            {
                invoker.AllowConcurrentInvocation = true;
                invoker.MaximumIterationsPerRequest = 8;
            })
            .Build(services);
}
