using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Mandate.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ShoeStore.Demo.Tests.LanguageModel;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint (<c>POST /v1/chat/completions</c>, non-streaming) on 127.0.0.1, free
/// port, that answers from a script: each request takes the next step, which returns tool calls or a final text. It
/// keeps every request body exactly as received and the key it was called with. A request the script does not
/// expect (script used up, streaming asked for, a body that is not JSON) is kept in <see cref="Unexpected"/> and
/// answered 400, which the agent reports as "the language model could not be reached".
/// </summary>
internal sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<Func<ChatCompletionRequest, ScriptedReply>> _script;
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentQueue<string?> _authorizations = new();
    private int _calls;

    private FakeChatCompletionsServer(WebApplication app, IEnumerable<Func<ChatCompletionRequest, ScriptedReply>> script)
    {
        _app = app;
        _script = new Queue<Func<ChatCompletionRequest, ScriptedReply>>(script);
    }

    /// <summary>The base URL to give the agent as <c>OPENAI_BASE_URL</c> (ends in <c>/v1</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request body, as received, in order.</summary>
    public IReadOnlyCollection<string> Bodies => _bodies;

    /// <summary>The bodies parsed, in order.</summary>
    public IReadOnlyList<ChatCompletionRequest> Requests =>
        [.. _bodies.Select(b => { using var document = JsonDocument.Parse(b); return new ChatCompletionRequest(document.RootElement.Clone()); })];

    /// <summary>The <c>Authorization</c> header of each request.</summary>
    public IReadOnlyCollection<string?> Authorizations => _authorizations;

    /// <summary>Why requests were refused; empty when the conversation went as scripted.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>How many steps of the script are left.</summary>
    public int StepsLeft
    {
        get
        {
            lock (_script)
            {
                return _script.Count;
            }
        }
    }

    public static async Task<FakeChatCompletionsServer> StartAsync(params Func<ChatCompletionRequest, ScriptedReply>[] script)
    {
        var builder = LoopbackHost.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        var app = builder.Build();
        var server = new FakeChatCompletionsServer(app, script);
        app.MapPost("/v1/chat/completions", (Delegate)server.AnswerAsync);
        server.BaseUrl = new Uri(await LoopbackHost.StartAsync(app) + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _bodies.Enqueue(body);
        _authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        ChatCompletionRequest request;
        try
        {
            using var document = JsonDocument.Parse(body);
            request = new ChatCompletionRequest(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return Refuse("a body that is not JSON");
        }

        if (request.Streams)
        {
            return Refuse("a streaming request (the agent is expected not to stream)");
        }

        Func<ChatCompletionRequest, ScriptedReply> step;
        lock (_script)
        {
            if (!_script.TryDequeue(out step!))
            {
                return Refuse($"a request after the script ended (last message: {request.LastRole})");
            }
        }

        ScriptedReply reply;
        try
        {
            reply = step(request);
        }
        catch (Exception exception) when (exception is Xunit.Sdk.XunitException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // A failed expectation of the script: kept for the test to report, and not a 5xx the client would retry.
            return Refuse("a request the script did not expect: " + exception.Message);
        }

        return Results.Json(Completion(request.Model ?? "unknown", reply));
    }

    private IResult Refuse(string what)
    {
        _unexpected.Enqueue(what);
        return Results.Json(new { error = new { message = "Unexpected " + what, type = "invalid_request_error" } }, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>A <c>chat.completion</c> object as OpenAI's API returns it.</summary>
    private object Completion(string model, ScriptedReply reply)
    {
        var number = Interlocked.Increment(ref _calls);
        var id = "chatcmpl-" + number.ToString(CultureInfo.InvariantCulture);
        object message = reply.ToolCalls.Count > 0
            ? new
            {
                role = "assistant",
                content = (string?)null,
                tool_calls = reply.ToolCalls.Select((call, i) => new
                {
                    id = $"call_{number}_{i}",
                    type = "function",
                    function = new { name = call.Name, arguments = call.Arguments },
                }).ToArray(),
            }
            : new { role = "assistant", content = reply.Text };
        return new
        {
            id,
            @object = "chat.completion",
            created = 1_764_300_000 + number,
            model,
            choices = new[] { new { index = 0, message, finish_reason = reply.ToolCalls.Count > 0 ? "tool_calls" : "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        };
    }
}
