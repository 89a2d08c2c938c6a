using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Benchmarks;

/// <summary>
/// Mandate.AI's authorization of one tool call whose token is already cached (issue 7: ≤ 5 µs, no HTTP): an
/// autonomous tool (Client Credentials token cached by Mandate.Client) and a tool acting for the user (CIBA token cached
/// by Mandate.AI, keyed by user, scopes and the RFC 9396 details built from the call's arguments).
/// </summary>
[MemoryDiagnoser]
public class ToolAuthorizationBenchmarks
{
    private readonly StaticTokenHandler _handler = new();
    private readonly CountingUserTokenSource _userSource = new();
    private ServiceProvider _services = null!;
    private ToolAuthorizer _autonomous = null!;
    private ToolAuthorizer _onBehalf = null!;
    private ToolCall _pricesCall = null!;
    private ToolCall _purchaseCall = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = BenchmarkClient.Services(_handler);
        services.AddMandateClientTokenSource();
        _services = services.BuildServiceProvider();

        _autonomous = new ToolAuthorizer(_services.GetRequiredService<IToolTokenSource>(),
            new ToolAuthorizationOptions().SetPolicy("get_prices", ToolPolicy.Autonomous("prices")));
        _onBehalf = new ToolAuthorizer(_userSource, new ToolAuthorizationOptions { LoginHint = "end.user" }
            .SetPolicy("buy_shoes", ToolPolicy.OnBehalfOfUser("payment")
                .SetBindingMessage("Buy {product_id}")
                .SetAuthorizationDetails(call => [JsonSerializer.SerializeToElement(new
                {
                    type = "shoe_purchase",
                    product_id = call.GetString("product_id"),
                    quantity = call.GetInt32("quantity"),
                })])));
        _pricesCall = new ToolCall("get_prices", new AIFunctionArguments());
        _purchaseCall = new ToolCall("buy_shoes", new AIFunctionArguments { ["product_id"] = "nike-pegasus-41", ["quantity"] = 1 });

        await Expect(_autonomous, _pricesCall);
        await Expect(_onBehalf, _purchaseCall);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        if (_handler.Requests != 1 || _userSource.Requests != 1)
        {
            throw new InvalidOperationException(
                $"expected one token request of each kind (the priming ones), saw {_handler.Requests} HTTP and {_userSource.Requests} user");
        }
    }

    /// <summary>Autonomous tool: policy lookup + Mandate.Client's cached Client Credentials token.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<ToolAuthorizationOutcome> AutonomousTool_CachedClientToken() => _autonomous.AuthorizeAsync(_pricesCall, CancellationToken.None);

    /// <summary>User tool: binding message, authorization details from the arguments, cache key, cached CIBA token.</summary>
    [Benchmark]
    public ValueTask<ToolAuthorizationOutcome> UserTool_CachedCibaToken() => _onBehalf.AuthorizeAsync(_purchaseCall, CancellationToken.None);

    private static async Task Expect(ToolAuthorizer authorizer, ToolCall call)
    {
        if (!(await authorizer.AuthorizeAsync(call, CancellationToken.None)).IsAllowed)
        {
            throw new InvalidOperationException($"priming call {call.Name} was refused");
        }
    }

    /// <summary>A user-token source that approves at once and counts requests; no HTTP.</summary>
    private sealed class CountingUserTokenSource : IToolTokenSource
    {
        public int Requests;

        public string ClientId => "ai-agent";

        public ValueTask<ToolTokenResult> GetClientTokenAsync(ClientTokenRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not used");

        public Task<ToolTokenResult> GetUserTokenAsync(UserTokenRequest request, IProgress<UserTokenProgress>? progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(ToolTokenResult.Success(new ToolAccessToken("user-token", DateTimeOffset.UtcNow.AddMinutes(5), "payment")));
        }
    }
}
