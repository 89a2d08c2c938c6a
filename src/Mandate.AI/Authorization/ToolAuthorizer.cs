using System.Text.Json;
using Mandate.AI.Approvals;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mandate.AI.Authorization;

/// <summary>
/// Decides, for one tool call, whether it runs and with which token: the tool's <see cref="ToolPolicy"/> picks no
/// token, a Client Credentials token (RFC 6749 §4.4) or a token the user approves on their device (CIBA Core §7),
/// with a binding message and RFC 9396 authorization details built from the call's arguments. User tokens are
/// cached per (user, client, scopes, resource, details); one approval is pending per such key at a time, shared by
/// parallel calls. The call of a <see cref="ToolPolicy.Durable"/> tool has its own approval, kept in
/// <see cref="ToolAuthorizationOptions.ApprovalStore"/> until the call has run (<see cref="ApprovalRecovery"/> resumes it
/// after a restart). Every refusal is a <see cref="ToolAuthorizationFailure"/> value, never an exception.
/// </summary>
public sealed class ToolAuthorizer
{
    private readonly IToolTokenSource _source;
    private readonly ToolAuthorizationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UserTokenCache _cache;
    private readonly PendingApprovals _pending = new();
    private readonly DurableApprovals _durable;

    /// <summary>Creates the authorizer.</summary>
    /// <param name="source">Where tokens come from.</param>
    /// <param name="options">The policies and settings; validated here.</param>
    /// <param name="time">The clock (token expiry, approval time-out). Default: the system clock.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="InvalidOperationException">A policy or setting is not valid.</exception>
    public ToolAuthorizer(IToolTokenSource source, ToolAuthorizationOptions options, TimeProvider? time = null, ILogger<ToolAuthorizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ToolAuthorizer>.Instance;
        _cache = new UserTokenCache(_time, options.TokenExpirySkew, options.MaxCachedUserTokens);
        _durable = new DurableApprovals(options.ApprovalStore ?? new InMemoryApprovalStore(), source, _time);
        if (!_durable.IsSupported && options.Policies.FirstOrDefault(p => p.Value.Durable).Key is { } durableTool)
        {
            throw new InvalidOperationException(
                $"Tool '{durableTool}' keeps its approval across restarts (Durable), but the token source cannot wait in two steps: use MandateClientTokenSource, or implement {nameof(IResumableUserTokenSource)}.");
        }
    }

    /// <summary>The kept approvals of <see cref="ToolPolicy.Durable"/> tools.</summary>
    internal DurableApprovals Durable => _durable;

    /// <summary>The logger, for <see cref="ApprovalRecovery"/>.</summary>
    internal ILogger Logger => _logger;

    /// <summary>The clock.</summary>
    internal TimeProvider Time => _time;

    /// <summary>The number of user tokens cached now.</summary>
    internal int CachedUserTokens => _cache.Count;

    /// <summary>The number of user approvals pending now.</summary>
    internal int PendingApprovalCount => _pending.Count;

    /// <summary>The policy of <paramref name="toolName"/>, or null.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <returns>The policy, or null when the tool has none.</returns>
    public ToolPolicy? FindPolicy(string toolName) => _options.Policies.TryGetValue(toolName, out var policy) ? policy : null;

    /// <summary>Decides whether <paramref name="call"/> runs, and gets its token.</summary>
    /// <param name="call">The tool call.</param>
    /// <param name="cancellationToken">Stops waiting (for a user approval too); then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The token to run with, or the refusal the model gets.</returns>
    public async ValueTask<ToolAuthorizationOutcome> AuthorizeAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (FindPolicy(call.Name) is not { } policy)
        {
            if (_options.AllowToolsWithoutPolicy)
            {
                return ToolAuthorizationOutcome.AllowedWithoutToken();
            }

            AuthorizationLog.NoPolicy(_logger, call.Name);
            return Refuse(ToolAuthorizationErrors.ToolNotAuthorized, "This tool is not enabled for the assistant, so it was not run.");
        }

        return policy.Kind switch
        {
            ToolAuthorizationKind.Public => ToolAuthorizationOutcome.AllowedWithoutToken(),
            ToolAuthorizationKind.Autonomous => await AuthorizeClientAsync(call, policy, cancellationToken).ConfigureAwait(false),
            ToolAuthorizationKind.OnBehalfOfUser => await AuthorizeUserAsync(call, policy, reuseCached: true, cancellationToken).ConfigureAwait(false),
            _ => Refuse(ToolAuthorizationErrors.ToolNotAuthorized, "This tool is not enabled for the assistant, so it was not run."),
        };
    }

    /// <summary>
    /// Steps up after the resource server refused <paramref name="call"/> with a scope challenge (RFC 6750 §3.1; MCP
    /// authorization 2025-11-25, "Scope Challenge Handling"): asks the user to approve the tool's scopes and the
    /// challenged ones, for the tool's resource, with the tool's binding message and authorization details. A cached
    /// token is never reused here (it is the one the server just refused).
    /// </summary>
    /// <param name="call">The refused call.</param>
    /// <param name="challengedScopes">The scopes the server's challenge named (already checked to be scope tokens).</param>
    /// <param name="cancellationToken">Stops waiting for the approval.</param>
    /// <returns>The new token, or the refusal the model gets.</returns>
    internal async ValueTask<ToolAuthorizationOutcome> StepUpAsync(ToolCall call, IReadOnlyList<string> challengedScopes, CancellationToken cancellationToken)
    {
        var policy = FindPolicy(call.Name);
        if (policy is null && !_options.AllowToolsWithoutPolicy)
        {
            return Refuse(ToolAuthorizationErrors.ToolNotAuthorized, "This tool is not enabled for the assistant, so it was not run.");
        }

        var stepUp = new ToolPolicy
        {
            Kind = ToolAuthorizationKind.OnBehalfOfUser,
            Resource = policy?.Resource,
            BindingMessage = policy?.BindingMessage,
            BindingMessageBuilder = policy?.BindingMessageBuilder,
            AuthorizationDetailsBuilder = policy?.AuthorizationDetailsBuilder,
            SingleUse = policy?.SingleUse ?? false,
            Durable = policy?.Durable ?? false,
            DeniedMessage = policy?.DeniedMessage,
        };
        foreach (var scope in (policy?.Scopes ?? []).Concat(challengedScopes).Distinct(StringComparer.Ordinal))
        {
            stepUp.Scopes.Add(scope);
        }

        if (stepUp.Scopes.Count == 0)
        {
            ReportStillInsufficient(call.Name);
            return Refuse(ToolAuthorizationErrors.InsufficientScope, InsufficientScopeMessage);
        }

        AuthorizationLog.SteppingUp(_logger, call.Name, string.Join(' ', stepUp.Scopes));
        return await AuthorizeUserAsync(call, stepUp, reuseCached: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the model is told when the resource server refuses a call for lack of scope after the step-up.</summary>
    internal const string InsufficientScopeMessage = "The store refused this call for lack of permission even after asking the customer, so nothing was done.";

    /// <summary>Logs that a call was refused again after its step-up; it is not retried.</summary>
    internal void ReportStillInsufficient(string toolName) => AuthorizationLog.StillInsufficient(_logger, toolName);

    /// <summary>Logs that a tool's result was withheld because it contained its token.</summary>
    internal void ReportWithheld(string toolName) => AuthorizationLog.ResultWithheld(_logger, toolName);

    private async ValueTask<ToolAuthorizationOutcome> AuthorizeClientAsync(ToolCall call, ToolPolicy policy, CancellationToken cancellationToken)
    {
        ToolTokenResult result;
        try
        {
            result = await _source.GetClientTokenAsync(new ClientTokenRequest([.. policy.Scopes], policy.Resource), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AuthorizationLog.TokenSourceFailed(_logger, call.Name, exception);
            return Unavailable();
        }

        if (result.Token is { } token)
        {
            return ToolAuthorizationOutcome.Allowed(token);
        }

        AuthorizationLog.ClientTokenFailed(_logger, call.Name, result.Error!, result.ErrorDescription);
        return Refuse(result.Error!, $"The assistant could not get access for this tool ({SafeCode(result.Error!)}), so nothing was done.");
    }

    private async ValueTask<ToolAuthorizationOutcome> AuthorizeUserAsync(ToolCall call, ToolPolicy policy, bool reuseCached, CancellationToken cancellationToken)
    {
        var user = _options.UserResolver?.Invoke(call) ?? _options.LoginHint;
        if (string.IsNullOrEmpty(user))
        {
            AuthorizationLog.NoUser(_logger, call.Name);
            return Refuse(ToolAuthorizationErrors.LoginRequired, "No customer is signed in, so the assistant cannot act for anyone.");
        }

        string? bindingMessage;
        JsonElement? details;
        try
        {
            bindingMessage = policy.BindingMessageBuilder is { } buildMessage
                ? BindingMessage.Clean(buildMessage(call))
                : BindingMessage.Format(policy.BindingMessage ?? DefaultBindingMessage(policy), call);
            details = policy.AuthorizationDetailsBuilder is { } buildDetails
                ? ToArray(await buildDetails(call, cancellationToken).ConfigureAwait(false))
                : null;
        }
        catch (ArgumentException exception)
        {
            AuthorizationLog.ArgumentsRefused(_logger, call.Name);
            return Refuse(ToolAuthorizationErrors.InvalidRequest, Describe(exception));
        }

        var key = UserTokenKey.Create(user, _source.ClientId, policy.Scopes, policy.Resource, details?.GetRawText());
        if (reuseCached && !policy.SingleUse && !policy.Durable && _cache.Find(key) is { } cached)
        {
            AuthorizationLog.CachedUserToken(_logger, call.Name);
            return ToolAuthorizationOutcome.Allowed(cached);
        }

        var request = new UserTokenRequest(user, [.. policy.Scopes])
        {
            Resource = policy.Resource,
            BindingMessage = bindingMessage,
            AuthorizationDetails = details,
        };

        ToolTokenResult result;
        DurableCall? durable = null;
        try
        {
            result = policy.Durable
                ? await RequestApprovalAsync(call.Name, policy, request, key, async (approvalId, progress, token) =>
                {
                    (var answer, durable) = await _durable.RequestAsync(approvalId, call, request, progress, token).ConfigureAwait(false);
                    return answer;
                }, cancellationToken).ConfigureAwait(false)
                : await _pending.JoinOrStartAsync(
                    key, token => RequestApprovalAsync(call.Name, policy, request, key,
                        (_, progress, wait) => _source.GetUserTokenAsync(request, progress, wait), token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AuthorizationLog.TokenSourceFailed(_logger, call.Name, exception);
            return Unavailable();
        }

        return result.Token is not { } token ? ToolAuthorizationOutcome.Refused(RefusalFor(result.Error!, policy.DeniedMessage))
            : durable is not null ? ToolAuthorizationOutcome.Allowed(token, durable)
            : ToolAuthorizationOutcome.Allowed(token);
    }

    /// <summary>Finishes the call of a durable tool once it has run: its kept approval and token are forgotten.</summary>
    internal ValueTask FinishDurableAsync(DurableCall call) => _durable.FinishAsync(call);

    private async Task<ToolTokenResult> RequestApprovalAsync(
        string toolName, ToolPolicy policy, UserTokenRequest request, UserTokenKey key,
        Func<string, IProgress<UserTokenProgress>, CancellationToken, Task<ToolTokenResult>> getToken, CancellationToken cancellationToken)
    {
        var approvalId = Guid.NewGuid().ToString("N");
        DateTimeOffset? expiresAt = null;
        void Report(ApprovalStage stage) => ReportProgress(new ApprovalProgress(approvalId[..12], toolName, stage, request.BindingMessage, request.Scopes, expiresAt));

        AuthorizationLog.ApprovalRequested(_logger, toolName, key.Scopes);
        Report(ApprovalStage.Requesting);
        var progress = new CallbackProgress<UserTokenProgress>(update =>
        {
            expiresAt = update.ExpiresAt;
            Report(ApprovalStage.Waiting);
        });

        using var deadline = _options.ApprovalTimeout is { } timeout ? new CancellationTokenSource(timeout, _time) : null;
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ToolTokenResult result;
        try
        {
            result = await getToken(approvalId, progress, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            result = ToolTokenResult.Failure(ToolAuthorizationErrors.ExpiredToken, "The agent stopped waiting for the user's decision.");
        }
        catch (OperationCanceledException)
        {
            Report(ApprovalStage.Cancelled);
            AuthorizationLog.ApprovalFinished(_logger, toolName, ApprovalStage.Cancelled, null);
            throw;
        }
        catch (Exception)
        {
            Report(ApprovalStage.Failed);
            throw;
        }

        var stage = StageOf(result.Error);
        if (result.Token is { } token && !policy.SingleUse && !policy.Durable)
        {
            _cache.Add(key, token);
        }

        Report(stage);
        AuthorizationLog.ApprovalFinished(_logger, toolName, stage, result.Error);
        return result;
    }

    /// <summary>How an approval ended, from the token request's error (null: approved).</summary>
    internal static ApprovalStage StageOf(string? error) => error switch
    {
        null => ApprovalStage.Approved,
        ToolAuthorizationErrors.AccessDenied => ApprovalStage.Denied,
        ToolAuthorizationErrors.ExpiredToken => ApprovalStage.Expired,
        _ => ApprovalStage.Failed,
    };

    /// <summary>The result the model gets when an approval ended with <paramref name="error"/>.</summary>
    internal static ToolAuthorizationFailure RefusalFor(string error, string? deniedMessage) =>
        new(SafeCode(error), Explain(error, deniedMessage));

    /// <summary>Tells the host's observer about an approval; a failing observer is logged, never thrown.</summary>
    internal void ReportProgress(ApprovalProgress progress)
    {
        try
        {
            _options.Progress?.Report(progress);
        }
        catch (Exception exception)
        {
            AuthorizationLog.ProgressObserverFailed(_logger, exception);
        }
    }

    private static string DefaultBindingMessage(ToolPolicy policy) =>
        "Allow agent to use your " + string.Join(" and ", policy.Scopes).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + "?";

    private static JsonElement? ToArray(IReadOnlyList<JsonElement>? details)
    {
        if (details is not { Count: > 0 })
        {
            return null;
        }

        foreach (var detail in details)
        {
            if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                // RFC 9396 §2: each element is an object with a "type" string; anything else is a bug in the policy.
                throw new InvalidOperationException("Each authorization detail must be a JSON object with a string \"type\" (RFC 9396 §2).");
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var detail in details)
            {
                detail.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static string Explain(string error, string? deniedMessage) => error switch
    {
        ToolAuthorizationErrors.AccessDenied => deniedMessage ?? "The customer declined the request on their device, so nothing was done.",
        ToolAuthorizationErrors.ExpiredToken => "The customer did not answer the approval request in time, so nothing was done. They can ask again.",
        ToolAuthorizationErrors.UnknownUserId => "The authorization server does not know this customer, so nothing was done.",
        _ => $"The assistant could not get the customer's approval ({SafeCode(error)}), so nothing was done.",
    };

    private static string Describe(ArgumentException exception)
    {
        var message = exception.Message;
        if (exception.ParamName is { } name && message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
        {
            message = message[..^$" (Parameter '{name}')".Length];
        }

        return message;
    }

    /// <summary>An error code as it may appear in a message to the model: RFC 6749 §5.2 code characters only.</summary>
    private static string SafeCode(string error)
    {
        var code = new string([.. error.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(40)]);
        return code.Length == 0 ? "error" : code;
    }

    private static ToolAuthorizationOutcome Refuse(string error, string message) =>
        ToolAuthorizationOutcome.Refused(new ToolAuthorizationFailure(SafeCode(error), message));

    private static ToolAuthorizationOutcome Unavailable() => Refuse(
        ToolAuthorizationErrors.TemporarilyUnavailable, "The authorization server could not be reached, so nothing was done. Try again later.");

    private sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
