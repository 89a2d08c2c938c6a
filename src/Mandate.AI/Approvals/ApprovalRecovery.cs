using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Mandate.AI.Authorization;
using Mandate.AI.Diagnostics;
using Mandate.AI.Functions;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Approvals;

/// <summary>
/// Resumes, when the agent starts, the calls of <see cref="Policies.ToolPolicy.Durable"/> tools that an earlier run left
/// waiting for the person's approval (<see cref="ToolAuthorizationOptions.ApprovalStore"/>): waits again for each decision
/// (poll, or ping with polling as the fallback; CIBA Core §7.3, §10), runs each approved call once with its token and
/// its idempotency key, and hands every ended call to the host to tell the person — also a denial or an expiry that
/// happened while the agent was down. A call is forgotten, with its token, once the host has taken it.
/// </summary>
public sealed class ApprovalRecovery
{
    private readonly ToolAuthorizer _authorizer;

    /// <summary>Creates the recovery for <paramref name="authorizer"/>'s approval store.</summary>
    /// <param name="authorizer">The tool authorizer.</param>
    public ApprovalRecovery(ToolAuthorizer authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        _authorizer = authorizer;
    }

    /// <summary>
    /// Resumes every kept call, all at once, and yields each as it ends. A call still undecided keeps the enumeration
    /// going until the person answers or the request expires; stop it with <paramref name="cancellationToken"/> and the
    /// calls not yet yielded stay kept for the next start. Progress goes to <see cref="ToolAuthorizationOptions.Progress"/>.
    /// </summary>
    /// <param name="tools">The agent's tools (authorized or not); a kept call of a tool not among them ends as failed.</param>
    /// <param name="services">OPTIONAL. The services the tools' arguments carry (<see cref="AIFunctionArguments.Services"/>).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The calls, as they end.</returns>
    public async IAsyncEnumerable<ResumedToolCall> ResumeAsync(
        IEnumerable<AITool> tools, IServiceProvider? services = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tools);
        // The calls this process has started meanwhile are its own, not an earlier run's.
        var kept = (await _authorizer.Durable.Store.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(approval => !_authorizer.Durable.IsLive(approval.Id)).ToList();
        if (kept.Count == 0)
        {
            yield break;
        }

        var functions = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        foreach (var function in tools.OfType<AIFunction>())
        {
            functions.TryAdd(function.Name, function.GetService<AuthorizedAIFunction>()?.Unauthorized ?? function);
        }

        var ended = Channel.CreateUnbounded<DurableApproval>();
        var resuming = kept.Select(approval => Task.Run(async () =>
        {
            var finished = await ResumeOneAsync(approval, functions, services, cancellationToken).ConfigureAwait(false);
            if (finished is not null)
            {
                await ended.Writer.WriteAsync(finished, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken)).ToArray();
        _ = Task.WhenAll(resuming).ContinueWith(
            all => ended.Writer.TryComplete(
                all.IsFaulted ? all.Exception.GetBaseException() : all.IsCanceled ? new OperationCanceledException(cancellationToken) : null),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await foreach (var approval in ended.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Describe(approval);

            // The host has told the person: forget the call.
            await _authorizer.Durable.Store.RemoveAsync(approval.Id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Brings one kept call to its end and saves it there; null when the server could not be reached (kept for later).</summary>
    private async Task<DurableApproval?> ResumeOneAsync(
        DurableApproval approval, IReadOnlyDictionary<string, AIFunction> functions, IServiceProvider? services, CancellationToken cancellationToken)
    {
        // The call's trace began in the process that stopped: the resumed call is a span of the host's current trace, if
        // any, else a trace of its own.
        using var activity = MandateAITelemetry.Source.StartActivity("mandate.tool_call");
        activity?.SetTag("gen_ai.tool.name", approval.ToolName);
        activity?.SetTag("mandate.tool.resumed", true);
        try
        {
            if (approval.State == DurableApprovalState.Requesting || (approval.State == DurableApprovalState.Waiting && approval.AuthReqId is null))
            {
                approval = await _authorizer.Durable.AbandonAsync(approval).ConfigureAwait(false);
            }

            if (approval.State == DurableApprovalState.Waiting)
            {
                Report(approval, ApprovalStage.Waiting);
                approval = await _authorizer.Durable.WaitAgainAsync(approval, cancellationToken).ConfigureAwait(false);
                Report(approval, approval.Outcome ?? ApprovalStage.Approved);
            }

            if (approval.State == DurableApprovalState.Approved)
            {
                approval = await RunAsync(approval, functions, services, cancellationToken).ConfigureAwait(false);
            }

            var error = approval.Outcome == ApprovalStage.Approved ? null : ErrorOf(approval.Result);
            activity?.SetTag("mandate.tool.outcome", error ?? "ran");
            if (error is not null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error);
            }

            return approval;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ApprovalLog.ResumeFailed(_authorizer.Logger, approval.ToolName, exception);
            return null;
        }
    }

    /// <summary>Runs an approved call with its token and idempotency key, then keeps its result instead of the token.</summary>
    private async Task<DurableApproval> RunAsync(
        DurableApproval approval, IReadOnlyDictionary<string, AIFunction> functions, IServiceProvider? services, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(approval.ToolName, out var function))
        {
            return await _authorizer.Durable.RecordAsync(approval, ApprovalStage.Failed, new ToolAuthorizationFailure(
                ToolAuthorizationErrors.ToolNotAuthorized, "The assistant no longer offers this tool, so the approved call was not made.").ToJsonElement())
                .ConfigureAwait(false);
        }

        var token = new ToolAccessToken(approval.AccessToken!, approval.AccessTokenExpiresAt, approval.AccessTokenScope);
        var arguments = new AIFunctionArguments(ReadArguments(approval.Arguments)) { Services = services };
        object? result;
        ScopeChallenge? challenge;
        try
        {
            (result, challenge) = await AuthorizedAIFunction.RunAsync(function.InvokeAsync, arguments, token, approval.IdempotencyKey, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ApprovalLog.ResumedCallFailed(_authorizer.Logger, approval.ToolName, exception);
            return await _authorizer.Durable.RecordAsync(approval, ApprovalStage.Failed, new ToolAuthorizationFailure(
                "tool_failed", "The approved call failed, so it may not have been done; check before trying again.").ToJsonElement()).ConfigureAwait(false);
        }

        if (challenge is not null)
        {
            return await _authorizer.Durable.RecordAsync(approval, ApprovalStage.Failed, new ToolAuthorizationFailure(
                ToolAuthorizationErrors.InsufficientScope, ToolAuthorizer.InsufficientScopeMessage).ToJsonElement()).ConfigureAwait(false);
        }

        var options = function.JsonSerializerOptions;
        var json = ToolResultText.Contains(result, token.Value, options)
            ? new ToolAuthorizationFailure(ToolAuthorizationErrors.ResultWithheld, "The tool's result was withheld because it contained a credential.").ToJsonElement()
            : ToolResultText.ToJson(result, options);
        return await _authorizer.Durable.RecordAsync(approval, ApprovalStage.Approved, json).ConfigureAwait(false);
    }

    private void Report(DurableApproval approval, ApprovalStage stage) => _authorizer.ReportProgress(
        new ApprovalProgress(approval.Id[..Math.Min(12, approval.Id.Length)], approval.ToolName, stage, approval.BindingMessage, approval.Scopes, approval.ExpiresAt));

    private static ResumedToolCall Describe(DurableApproval approval)
    {
        using var arguments = JsonDocument.Parse(approval.Arguments);
        using var result = JsonDocument.Parse(approval.Result ?? "null");
        return new ResumedToolCall(approval.ToolName, arguments.RootElement.Clone(), approval.LoginHint, approval.BindingMessage,
            approval.Outcome ?? ApprovalStage.Failed, result.RootElement.Clone());
    }

    /// <summary>The refusal's code in a kept result (<c>{ error, message }</c>), or <c>failed</c>.</summary>
    private static string ErrorOf(string? result)
    {
        using var document = JsonDocument.Parse(result ?? "null");
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.String ? error.GetString()! : "failed";
    }

    private static Dictionary<string, object?> ReadArguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return arguments;
    }
}
