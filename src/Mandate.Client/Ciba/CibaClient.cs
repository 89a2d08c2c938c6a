using System.Diagnostics;
using Mandate.Client.Authentication;
using Mandate.Client.Diagnostics;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.Discovery;
using Mandate.Client.Http;
using Mandate.Client.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Client.Ciba;

/// <summary>
/// OpenID Connect CIBA Core 1.0 for poll and ping clients. The request is a signed request object (§7.1.1), sent once.
/// Then: wait <c>interval</c> (5 s when absent) after each answer before the next poll; <c>authorization_pending</c> keeps waiting;
/// <c>slow_down</c> adds 5 s to this and every later interval (§11); the wait ends at the <c>expires_in</c> deadline with
/// <c>expired_token</c>; <c>access_denied</c>, <c>expired_token</c> and every other error end it with an
/// <see cref="OAuthException"/>. In ping mode a valid notification (§10.2) wakes the wait at once, and polling at the
/// interval remains the fallback.
/// </summary>
internal sealed class CibaClient : ICibaClient
{
    private const string CibaGrantType = "urn:openid:params:grant-type:ciba";

    private readonly OAuthHttpClient _http;
    private readonly EndpointResolver _endpoints;
    private readonly SigningKeyProvider _keys;
    private readonly RequestObjectSigner _signer;
    private readonly CibaNotificationReceiver _receiver;
    private readonly MandateClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal CibaClient(OAuthHttpClient http, EndpointResolver endpoints, SigningKeyProvider keys, CibaNotificationReceiver receiver,
        IOptions<MandateClientOptions> options, TimeProvider time, ILogger<CibaClient> logger)
    {
        _http = http;
        _endpoints = endpoints;
        _keys = keys;
        _receiver = receiver;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _signer = new RequestObjectSigner(time);
    }

    private bool IsPing => _options.BackchannelTokenDeliveryMode == BackchannelTokenDeliveryModes.Ping;

    /// <inheritdoc />
    public async Task<TokenResponse> AuthenticateAsync(BackchannelAuthenticationRequest request, IProgress<CibaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var activity = StartAuthenticateActivity();
        try
        {
            var token = await RequestAndWaitAsync(request, progress, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("ciba.outcome", "approved");
            return token;
        }
        catch (OAuthException e)
        {
            MandateClientTelemetry.Failed(activity, e.Error);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<CibaPendingRequest> SendAsync(BackchannelAuthenticationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var activity = StartAuthenticateActivity();
        try
        {
            var (_, pending, registration) = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
            registration?.Dispose(); // the wait registers the token again, in this process or the next
            return pending;
        }
        catch (OAuthException e)
        {
            MandateClientTelemetry.Failed(activity, e.Error);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<TokenResponse> WaitForTokenAsync(CibaPendingRequest pending, IProgress<CibaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentException.ThrowIfNullOrEmpty(pending.AuthReqId);
        var endpoints = await _endpoints.ResolveAsync(_http, cancellationToken).ConfigureAwait(false);
        using var registration = pending.ClientNotificationToken is { } notificationToken ? _receiver.Register(notificationToken) : null;
        registration?.Bind(pending.AuthReqId);
        var schedule = new CibaPollSchedule(pending.Deadline, pending.Interval, _time.GetUtcNow());
        return await WaitForTokenAsync(endpoints.TokenEndpoint, pending.AuthReqId, schedule, registration?.Notified, progress,
            cancellationToken).ConfigureAwait(false);
    }

    private Activity? StartAuthenticateActivity()
    {
        var activity = MandateClientTelemetry.Source.StartActivity("ciba.authenticate", ActivityKind.Client);
        activity?.SetTag("oauth.client_id", _options.ClientId);
        activity?.SetTag("ciba.delivery_mode", IsPing ? "ping" : "poll");
        return activity;
    }

    private async Task<TokenResponse> RequestAndWaitAsync(BackchannelAuthenticationRequest request, IProgress<CibaProgress>? progress,
        CancellationToken cancellationToken)
    {
        var (endpoints, pending, registration) = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        using (registration)
        {
            var schedule = new CibaPollSchedule(pending.Deadline, pending.Interval, _time.GetUtcNow());
            return await WaitForTokenAsync(endpoints.TokenEndpoint, pending.AuthReqId, schedule, registration?.Notified, progress,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the request object; in ping mode the registration of its <c>client_notification_token</c> is returned bound
    /// to the <c>auth_req_id</c> (a ping that arrives before the answer is read is kept), for the caller to dispose.
    /// </summary>
    private async Task<(ClientEndpoints Endpoints, CibaPendingRequest Pending, CibaNotificationRegistration? Registration)> SendCoreAsync(
        BackchannelAuthenticationRequest request, CancellationToken cancellationToken)
    {
        var endpoints = await _endpoints.ResolveAsync(_http, cancellationToken).ConfigureAwait(false);
        var backchannelEndpoint = endpoints.BackchannelAuthenticationEndpoint ?? throw new InvalidOperationException(
            $"{PingOneEnvironment.Describe(nameof(MandateClientOptions.BackchannelAuthenticationEndpoint))} is missing, and discovery names no backchannel_authentication_endpoint.");
        var audience = endpoints.RequestObjectAudience ?? throw new InvalidOperationException(
            $"{PingOneEnvironment.Describe(nameof(MandateClientOptions.RequestObjectAudience))} is missing: it is the OP's issuer, the aud of request objects.");
        var key = _keys.GetRequired("CIBA requests are signed request objects (CIBA Core §7.1.1)");
        var settings = new RequestObjectSettings(_options.ClientId!, audience, _options.RequestObjectLifetime, _options.AcrValues);

        var registration = IsPing ? _receiver.Register(ClientNotificationToken.Create()) : null;
        try
        {
            var requestObject = _signer.Sign(request, settings, key, registration?.Token);
            var sentAt = _time.GetUtcNow();
            var response = await _http.RequestBackchannelAuthenticationAsync(backchannelEndpoint, requestObject, endpoints.TokenEndpoint,
                cancellationToken).ConfigureAwait(false);
            registration?.Bind(response.AuthReqId);

            var schedule = new CibaPollSchedule(sentAt, response.ExpiresIn, response.Interval);
            Log.CibaRequested(_logger, IsPing ? "ping" : "poll", response.ExpiresIn.TotalSeconds, schedule.Interval.TotalSeconds);
            return (endpoints, new CibaPendingRequest(response.AuthReqId, schedule.Deadline, schedule.Interval, registration?.Token), registration);
        }
        catch
        {
            registration?.Dispose();
            throw;
        }
    }

    private async Task<TokenResponse> WaitForTokenAsync(Uri tokenEndpoint, string authReqId, CibaPollSchedule schedule, Task? ping,
        IProgress<CibaProgress>? progress, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] parameters = [new("grant_type", CibaGrantType), new("auth_req_id", authReqId)];
        // The wait for the person: from the acknowledgement to the token or the error that ends it (its polls inside).
        using var wait = MandateClientTelemetry.Source.StartActivity("ciba.wait");
        var lastPoll = _time.GetUtcNow();
        Report(progress, CibaProgressKind.Requested, authReqId, schedule, schedule.NextPollAfter(lastPoll));
        for (var poll = 1; poll <= schedule.MaxPolls; poll++)
        {
            var next = schedule.NextPollAfter(lastPoll);
            var pinged = await WaitAsync(next ?? schedule.Deadline, ping, cancellationToken).ConfigureAwait(false);
            if (pinged)
            {
                ping = null; // one wake-up per request: later waits follow the interval
            }
            else if (next is null)
            {
                break; // the deadline passed before another poll was due
            }

            var result = await _http.RequestTokenAsync(tokenEndpoint, parameters, cancellationToken).ConfigureAwait(false);
            wait?.SetTag("ciba.polls", poll);

            // The next wait counts from the answer, not from the send: a server measures the interval between the
            // polls it receives (CIBA Core §7.3, §11), so a slow answer must not make the next poll arrive early.
            lastPoll = _time.GetUtcNow();
            if (result.Token is { } token)
            {
                Log.CibaPolled(_logger, poll, "token");
                wait?.SetTag("ciba.outcome", "approved");
                Finish(progress, CibaProgressKind.Approved, authReqId, schedule, "approved");
                return token;
            }

            var error = result.Error;
            Log.CibaPolled(_logger, poll, error.Error);
            if (error.Error is not (OAuthErrorCodes.AuthorizationPending or OAuthErrorCodes.SlowDown))
            {
                MandateClientTelemetry.Failed(wait, error.Error);
            }

            switch (error.Error)
            {
                case OAuthErrorCodes.AuthorizationPending:
                    Report(progress, CibaProgressKind.Pending, authReqId, schedule, schedule.NextPollAfter(lastPoll));
                    break;
                case OAuthErrorCodes.SlowDown:
                    schedule.SlowDown();
                    Log.CibaSlowedDown(_logger, schedule.Interval.TotalSeconds);
                    Report(progress, CibaProgressKind.SlowedDown, authReqId, schedule, schedule.NextPollAfter(lastPoll));
                    break;
                case OAuthErrorCodes.AccessDenied:
                    Finish(progress, CibaProgressKind.Denied, authReqId, schedule, "denied");
                    throw error.ToException();
                case OAuthErrorCodes.ExpiredToken:
                    Finish(progress, CibaProgressKind.Expired, authReqId, schedule, "expired");
                    throw error.ToException();
                default:
                    Log.CibaEnded(_logger, error.Error);
                    throw error.ToException();
            }
        }

        MandateClientTelemetry.Failed(wait, OAuthErrorCodes.ExpiredToken);
        Finish(progress, CibaProgressKind.Expired, authReqId, schedule, "expired on the client");
        throw new OAuthException(OAuthErrorCodes.ExpiredToken,
            "The auth_req_id expired before the user decided (CIBA Core §7.3 expires_in).");
    }

    /// <summary>Waits until <paramref name="until"/>, or less when a ping arrives; true when woken by the ping.</summary>
    private async Task<bool> WaitAsync(DateTimeOffset until, Task? ping, CancellationToken cancellationToken)
    {
        if (ping is { IsCompleted: true })
        {
            return true;
        }

        var delay = until - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }

        if (ping is null)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return false;
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, _time, stopDelay.Token);
        if (await Task.WhenAny(timer, ping).ConfigureAwait(false) == ping)
        {
            await stopDelay.CancelAsync().ConfigureAwait(false);
            return true;
        }

        await timer.ConfigureAwait(false);
        return false;
    }

    private static void Report(IProgress<CibaProgress>? progress, CibaProgressKind kind, string authReqId, CibaPollSchedule schedule,
        DateTimeOffset? nextPollAt) =>
        progress?.Report(new CibaProgress(kind, authReqId, schedule.Deadline, schedule.Interval, nextPollAt));

    private void Finish(IProgress<CibaProgress>? progress, CibaProgressKind kind, string authReqId, CibaPollSchedule schedule, string outcome)
    {
        Log.CibaEnded(_logger, outcome);
        Report(progress, kind, authReqId, schedule, null);
    }
}
