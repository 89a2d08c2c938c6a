using System.Diagnostics;
using System.Text.Json;
using Mandate.AI.Authorization;
using Mandate.AI.Diagnostics;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Functions;

/// <summary>
/// An <see cref="AIFunction"/> that runs only when its policy allows: it asks the <see cref="ToolAuthorizer"/>
/// for the call's token, makes it current in <see cref="ToolTokenAccessor"/> while the inner function runs, and
/// returns a <see cref="ToolAuthorizationFailure"/> result instead of running when the call is refused. The token
/// is never put in the arguments, and a result that contains it is withheld from the model.
/// </summary>
internal sealed class AuthorizedAIFunction : DelegatingAIFunction
{
    private readonly ToolAuthorizer _authorizer;

    /// <summary>Wraps <paramref name="innerFunction"/>.</summary>
    /// <param name="innerFunction">The tool.</param>
    /// <param name="authorizer">Decides and gets tokens.</param>
    public AuthorizedAIFunction(AIFunction innerFunction, ToolAuthorizer authorizer)
        : base(innerFunction)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        _authorizer = authorizer;
    }

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var activity = MandateAITelemetry.Source.StartActivity("mandate.tool_call");
        activity?.SetTag("gen_ai.tool.name", Name);
        var (result, error) = await AuthorizeAndRunAsync(arguments, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("mandate.tool.outcome", error ?? "ran");
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }

        return result;
    }

    /// <summary>The call's result, and the error code of its <see cref="ToolAuthorizationFailure"/> when it was refused.</summary>
    private async ValueTask<(object? Result, string? Error)> AuthorizeAndRunAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var call = new ToolCall(Name, arguments);
        var outcome = await _authorizer.AuthorizeAsync(call, cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            return Refused(failure);
        }

        var (result, challenge) = await RunAsync(arguments, outcome, cancellationToken).ConfigureAwait(false);
        var token = outcome.Token;
        if (challenge is not null)
        {
            // The resource server asked for more scope (RFC 6750 §3.1): one step-up to the user's approval, one retry.
            var stepUp = await _authorizer.StepUpAsync(call, challenge.Scopes, cancellationToken).ConfigureAwait(false);
            if (stepUp.Failure is { } refused)
            {
                return Refused(refused);
            }

            token = stepUp.Token;
            (result, challenge) = await RunAsync(arguments, stepUp, cancellationToken).ConfigureAwait(false);
            if (challenge is not null)
            {
                _authorizer.ReportStillInsufficient(Name);
                return Refused(new ToolAuthorizationFailure(ToolAuthorizationErrors.InsufficientScope, ToolAuthorizer.InsufficientScopeMessage));
            }
        }

        if (token is not null && ToolResultText.Contains(result, token.Value, JsonSerializerOptions))
        {
            _authorizer.ReportWithheld(Name);
            return Refused(new ToolAuthorizationFailure(
                ToolAuthorizationErrors.ResultWithheld, "The tool's result was withheld because it contained a credential."));
        }

        return (result, null);
    }

    /// <summary>
    /// Runs the call as <paramref name="outcome"/> allows; the call of a durable tool is then finished (its kept approval
    /// and token forgotten), whatever the tool did: the model has its result.
    /// </summary>
    private async ValueTask<(object? Result, ScopeChallenge? Challenge)> RunAsync(
        AIFunctionArguments arguments, ToolAuthorizationOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(base.InvokeCoreAsync, arguments, outcome.Token, outcome.Durable?.IdempotencyKey ?? Guid.NewGuid().ToString("D"),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (outcome.Durable is { } durable)
            {
                await _authorizer.FinishDurableAsync(durable).ConfigureAwait(false);
            }
        }
    }

    private static (object? Result, string? Error) Refused(ToolAuthorizationFailure failure) => (failure.ToJsonElement(), failure.Error);

    /// <summary>
    /// Runs <paramref name="invoke"/> with <paramref name="token"/> and <paramref name="idempotencyKey"/> current
    /// (<see cref="ToolTokenAccessor"/>). When one of its requests met a scope challenge, the challenge is returned and the
    /// tool's own failure (an MCP client throws on the 403) is dropped: the call did not run.
    /// </summary>
    internal static async ValueTask<(object? Result, ScopeChallenge? Challenge)> RunAsync(
        Func<AIFunctionArguments, CancellationToken, ValueTask<object?>> invoke, AIFunctionArguments arguments, ToolAccessToken? token,
        string idempotencyKey, CancellationToken cancellationToken)
    {
        using var scope = ToolTokenAccessor.BeginCall(token, idempotencyKey);
        try
        {
            var result = await invoke(arguments, cancellationToken).ConfigureAwait(false);
            return (result, scope.Challenge);
        }
        catch (Exception) when (scope.Challenge is { } challenge && !cancellationToken.IsCancellationRequested)
        {
            return (null, challenge);
        }
    }

    /// <summary>The function this one authorizes.</summary>
    internal AIFunction Unauthorized => InnerFunction;
}
