using System.Collections.Concurrent;
using Mandate.Client.Ciba.Ping;
using Mandate.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// The agent's CIBA ping endpoint (Mandate.Client's <c>MapCibaNotifications</c>) on 127.0.0.1, free port. Its URL is
/// registered at the server before the agent exists, so the agent's receiver is attached afterwards. Keeps the status
/// of every ping it answered.
/// </summary>
internal sealed class NotificationEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private CibaNotificationReceiver? _receiver;

    private NotificationEndpoint(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The HTTP status of each ping answered.</summary>
    public IReadOnlyCollection<int> Answers => _answers;

    public static async Task<NotificationEndpoint> StartAsync()
    {
        var builder = LoopbackHost.CreateBuilder();
        NotificationEndpoint? endpoint = null;
        builder.Services.AddSingleton(_ => endpoint!._receiver ?? throw new InvalidOperationException("No agent attached."));
        var app = builder.Build();
        endpoint = new NotificationEndpoint(app);
        app.Use(async (context, next) =>
        {
            await next(context);
            endpoint._answers.Enqueue(context.Response.StatusCode);
        });
        app.MapCibaNotifications("/ciba/notify");
        endpoint.Url = new Uri(await LoopbackHost.StartAsync(app) + "/ciba/notify");
        return endpoint;
    }

    /// <summary>Routes pings to this agent's waiting CIBA calls.</summary>
    public void Attach(TestAgent agent) => _receiver = agent.Services.GetRequiredService<CibaNotificationReceiver>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
