using System.Collections.Concurrent;
using Mandate.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>A client notification endpoint on 127.0.0.1 (Kestrel, free port) that records each ping.</summary>
public sealed class PingReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPing> _pings = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private PingReceiver(WebApplication app) => _app = app;

    /// <summary>How the endpoint answers: 204, 200 (with a body), 302 (redirect to /followed) or 401.</summary>
    public int AnswerWith { get; set; } = 204;

    public int FollowedRedirects;

    public string Url { get; private set; } = "";

    public IReadOnlyCollection<ReceivedPing> Pings => _pings;

    public static async Task<PingReceiver> StartAsync()
    {
        var app = LoopbackHost.CreateBuilder().Build();
        var receiver = new PingReceiver(app);
        app.MapPost("/cb", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            receiver._pings.Enqueue(new ReceivedPing(http.Request.Headers.Authorization.ToString(), http.Request.ContentType, await reader.ReadToEndAsync(), http.Request.Headers["traceparent"].ToString()));
            receiver._arrived.Release();
            return receiver.AnswerWith switch
            {
                200 => Results.Text("{\"ignored\":true}", "application/json"),
                302 => Results.Redirect("/followed"),
                401 => Results.StatusCode(401),
                _ => Results.NoContent(),
            };
        });
        app.MapMethods("/followed", ["GET", "POST"], () =>
        {
            Interlocked.Increment(ref receiver.FollowedRedirects);
            return Results.NoContent();
        });
        receiver.Url = await LoopbackHost.StartAsync(app) + "/cb";
        return receiver;
    }

    /// <summary>Waits (bounded) for the next ping.</summary>
    public async Task<ReceivedPing> NextAsync()
    {
        Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(20)), "no ping arrived");
        return _pings.Last();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    public sealed record ReceivedPing(string Authorization, string? ContentType, string Body, string TraceParent);
}
