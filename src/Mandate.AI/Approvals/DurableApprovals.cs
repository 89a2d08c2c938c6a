using System.Collections.Concurrent;
using System.Text.Json;
using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Approvals;

/// <summary>
/// The life of a kept approval (<see cref="DurableApproval"/>): saved <see cref="DurableApprovalState.Requesting"/>,
/// sent and saved <see cref="DurableApprovalState.Waiting"/>, saved <see cref="DurableApprovalState.Approved"/> with its
/// token once redeemed, removed once the call has run and the model has its result — or as soon as the call ends in this
/// process without running (refused, cancelled, failed), since the model is then told it was not done. Each step is saved before the next begins, so a restart finds the call where it stopped, and a
/// call run again carries the same idempotency key.
/// </summary>
internal sealed class DurableApprovals(IApprovalStore store, IToolTokenSource source, TimeProvider time)
{
    /// <summary>The calls this process is running now: not for <see cref="ApprovalRecovery"/> to take over.</summary>
    private readonly ConcurrentDictionary<string, byte> _live = new(StringComparer.Ordinal);

    public IApprovalStore Store => store;

    /// <summary>Whether <paramref name="approvalId"/> is a call this process is running (not one an earlier run left).</summary>
    public bool IsLive(string approvalId) => _live.ContainsKey(approvalId);

    /// <summary>Whether the token source can wait in two steps (needed for <see cref="ToolPolicy.Durable"/> tools).</summary>
    public bool IsSupported => source is IResumableUserTokenSource;

    private IResumableUserTokenSource Resumable => source as IResumableUserTokenSource ?? throw new InvalidOperationException(
        $"A Durable tool needs a token source that implements {nameof(IResumableUserTokenSource)}, such as MandateClientTokenSource.");

    /// <summary>
    /// Sends the approval request for <paramref name="call"/>, keeps it, and waits for the decision. When the wait is
    /// cancelled or fails the agent gives up the call and the model is told so; it is forgotten, so that the person's
    /// later answer does nothing (a retry is a new call, never a second run of this one).
    /// </summary>
    /// <returns>The token and the kept call to finish once the tool has run, or the OAuth error.</returns>
    public async Task<(ToolTokenResult Result, DurableCall? Call)> RequestAsync(
        string approvalId, ToolCall call, UserTokenRequest request, IProgress<UserTokenProgress> progress, CancellationToken cancellationToken)
    {
        _live[approvalId] = 0;
        var kept = false;
        try
        {
            var answer = await RequestKeptAsync(approvalId, call, request, progress, cancellationToken).ConfigureAwait(false);
            kept = answer.Call is not null;
            return answer;
        }
        finally
        {
            if (!kept)
            {
                _live.TryRemove(approvalId, out _);
            }
        }
    }

    private async Task<(ToolTokenResult Result, DurableCall? Call)> RequestKeptAsync(
        string approvalId, ToolCall call, UserTokenRequest request, IProgress<UserTokenProgress> progress, CancellationToken cancellationToken)
    {
        var requesting = new DurableApproval
        {
            Id = approvalId,
            ToolName = call.Name,
            Arguments = JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
            IdempotencyKey = Guid.NewGuid().ToString("D"),
            LoginHint = request.LoginHint,
            Scopes = request.Scopes,
            BindingMessage = request.BindingMessage,
            CreatedAt = time.GetUtcNow(),
            State = DurableApprovalState.Requesting,
        };
        await store.SaveAsync(requesting, CancellationToken.None).ConfigureAwait(false);

        UserApprovalRequestResult sent;
        try
        {
            sent = await Resumable.RequestUserApprovalAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.RemoveAsync(approvalId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (sent.Pending is not { } pending)
        {
            await store.RemoveAsync(approvalId, CancellationToken.None).ConfigureAwait(false);
            return (ToolTokenResult.Failure(sent.Error!, sent.ErrorDescription), null);
        }

        var approval = requesting with
        {
            State = DurableApprovalState.Waiting,
            AuthReqId = pending.AuthReqId,
            ClientNotificationToken = pending.ClientNotificationToken,
            ExpiresAt = pending.ExpiresAt,
            Interval = pending.Interval,
        };
        await store.SaveAsync(approval, CancellationToken.None).ConfigureAwait(false);
        progress.Report(new UserTokenProgress(pending.ExpiresAt));

        ToolTokenResult result;
        try
        {
            result = await Resumable.WaitForUserTokenAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.RemoveAsync(approval.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result.Token is not { } token)
        {
            await store.RemoveAsync(approval.Id, CancellationToken.None).ConfigureAwait(false);
            return (result, null);
        }

        await store.SaveAsync(WithToken(approval, token), CancellationToken.None).ConfigureAwait(false);
        return (result, new DurableCall(approval.Id, approval.IdempotencyKey));
    }

    /// <summary>Forgets a call that has run (and its token): the model has the result.</summary>
    public async ValueTask FinishAsync(DurableCall call)
    {
        try
        {
            await store.RemoveAsync(call.ApprovalId, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _live.TryRemove(call.ApprovalId, out _);
        }
    }

    /// <summary>Waits again for the decision on a kept approval: approved, with its token saved; or finished without it.</summary>
    public async Task<DurableApproval> WaitAgainAsync(DurableApproval approval, CancellationToken cancellationToken)
    {
        var pending = new PendingUserApproval(approval.AuthReqId!, approval.ExpiresAt!.Value, approval.Interval!.Value, approval.ClientNotificationToken);
        var result = await Resumable.WaitForUserTokenAsync(pending, cancellationToken).ConfigureAwait(false);
        var next = result.Token is { } token
            ? WithToken(approval, token)
            : approval with
            {
                State = DurableApprovalState.Finished,
                Outcome = ToolAuthorizer.StageOf(result.Error),
                Result = ToolAuthorizer.RefusalFor(result.Error!, deniedMessage: null).ToJsonElement().GetRawText(),
            };
        await store.SaveAsync(next, CancellationToken.None).ConfigureAwait(false);
        return next;
    }

    /// <summary>
    /// Ends a call the agent stopped sending: whether the server got the request is unknown, and without its
    /// <c>auth_req_id</c> nobody can redeem an approval of it, so nothing was done.
    /// </summary>
    public Task<DurableApproval> AbandonAsync(DurableApproval approval) => RecordAsync(approval, ApprovalStage.Failed, new ToolAuthorizationFailure(
        "request_interrupted",
        "The assistant stopped while it was asking for your approval, so nothing was done; if your device shows the request, approving it now does nothing. Ask again if you still want it.")
        .ToJsonElement());

    /// <summary>Records the result of a call that ran after a restart, dropping its token.</summary>
    public async Task<DurableApproval> RecordAsync(DurableApproval approval, ApprovalStage outcome, JsonElement result)
    {
        var finished = approval with
        {
            State = DurableApprovalState.Finished,
            Outcome = outcome,
            Result = result.GetRawText(),
            AccessToken = null,
            AccessTokenExpiresAt = null,
            AccessTokenScope = null,
        };
        await store.SaveAsync(finished, CancellationToken.None).ConfigureAwait(false);
        return finished;
    }

    private static DurableApproval WithToken(DurableApproval approval, ToolAccessToken token) => approval with
    {
        State = DurableApprovalState.Approved,
        AccessToken = token.Value,
        AccessTokenExpiresAt = token.ExpiresAt,
        AccessTokenScope = token.Scope,
    };
}
