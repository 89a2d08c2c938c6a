using System.Globalization;
using System.Text.Json;

namespace Mandate.Testing;

/// <summary>
/// The person an agent asks for approval, scripted by the test. The script holds for every request that comes after
/// it is set, until it is changed; a person who has not been told anything never answers. The person looks at their
/// device when the agent's CIBA request has been accepted and answers there (the server's device API), so the agent
/// gets what a real approval, denial or silence gives it: the token, <c>access_denied</c>, <c>expired_token</c>. With a
/// ping client the server notifies the client when the person answers (CIBA Core §10.2), and a delayed answer is given
/// when the server's clock reaches it rather than at the agent's next poll.
/// </summary>
public sealed class VirtualPerson
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _device = new(1, 1);
    private readonly Dictionary<string, PendingAnswer> _requests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<ShownRequest> _shown = [];
    private readonly DeviceApi _api;
    private readonly TimeProvider _time;
    private readonly ScheduledAnswers? _later;
    private PersonAnswer _script = new(PersonAnswerKind.Never, TimeSpan.Zero);

    internal VirtualPerson(string username, DeviceApi api, TimeProvider time, bool answersOnTheClock = false)
    {
        Username = username;
        _api = api;
        _time = time;
        _later = answersOnTheClock ? new ScheduledAnswers(time) : null;
    }

    /// <summary>The person's user name: the login hint an agent sends.</summary>
    public string Username { get; }

    /// <summary>Every request the person was shown, oldest first.</summary>
    public IReadOnlyList<ShownRequest> Shown
    {
        get
        {
            lock (_gate)
            {
                return [.. _shown];
            }
        }
    }

    /// <summary>Approves each request at once.</summary>
    public VirtualPerson Approves() => Script(new(PersonAnswerKind.Approve, TimeSpan.Zero));

    /// <summary>Denies each request: the agent gets <c>access_denied</c>.</summary>
    public VirtualPerson Denies() => Script(new(PersonAnswerKind.Deny, TimeSpan.Zero));

    /// <summary>
    /// Approves each request <paramref name="delay"/> after it arrived, on the server's clock: the first poll from then on
    /// gets the token, the ones before get <c>authorization_pending</c>. With a ping client the person approves when the
    /// server's clock reaches the delay, and the server's ping (CIBA Core §10.2) tells the client to redeem the token.
    /// </summary>
    public VirtualPerson ApprovesAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Script(new(PersonAnswerKind.Approve, delay));
    }

    /// <summary>Never answers: once the request expires the agent gets <c>expired_token</c>.</summary>
    public VirtualPerson NeverAnswers() => Script(new(PersonAnswerKind.Never, TimeSpan.Zero));

    /// <summary>
    /// Makes the agent slow down, then approves: the agent's first poll of each request is answered <c>slow_down</c>
    /// (CIBA Core §11), as the server answers a poll that comes too early; the next poll gets the token. With a ping
    /// client the person approves right after that answer, and the server's ping (§10.2) brings the next poll.
    /// </summary>
    public VirtualPerson AsksToSlowDown() => Script(new(PersonAnswerKind.SlowDownThenApprove, TimeSpan.Zero));

    private VirtualPerson Script(PersonAnswer answer)
    {
        lock (_gate)
        {
            _script = answer;
        }

        return this;
    }

    /// <summary>The agent's request <paramref name="authReqId"/> was accepted: the person looks at the device.</summary>
    internal async Task AskedAsync(string authReqId, CancellationToken cancellationToken)
    {
        await _device.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var fresh = (await _api.PendingAsync(cancellationToken).ConfigureAwait(false))
                .Where(r => !_seen.Contains(Id(r))).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            // One accepted request makes one pending request; the newest is this one.
            var request = fresh[^1];
            PendingAnswer pending;
            lock (_gate)
            {
                foreach (var r in fresh)
                {
                    _seen.Add(Id(r));
                    _shown.Add(new ShownRequest(r));
                }

                var expiresAt = DateTimeOffset.Parse(request.GetProperty("expires_at").GetString()!, CultureInfo.InvariantCulture);
                pending = new PendingAnswer(Id(request), _script, _time.GetUtcNow(), expiresAt);
                _requests[authReqId] = pending;
            }

            await AnswerIfDueAsync(pending, cancellationToken).ConfigureAwait(false);
            if (_later is not null && !pending.Answered
                && pending.Answer.Kind is PersonAnswerKind.Approve or PersonAnswerKind.Deny
                && pending.AskedAt + pending.Answer.Delay < pending.ExpiresAt)
            {
                // A ping client does not poll to make the answer come: the clock does (ScheduledAnswers).
                _later.Schedule(pending.AskedAt + pending.Answer.Delay, token => AnswerOnTheClockAsync(pending, token));
            }
        }
        finally
        {
            _device.Release();
        }
    }

    /// <summary>Stops the answers scheduled on the clock (ping mode) and waits for the ones under way.</summary>
    internal Task StopAsync() => _later?.StopAsync() ?? Task.CompletedTask;

    /// <summary>
    /// The agent polls for <paramref name="authReqId"/>: the person gives an answer that is due by now. Returns true
    /// when this poll is to be answered <c>slow_down</c>.
    /// </summary>
    internal async Task<bool> PolledAsync(string authReqId, CancellationToken cancellationToken)
    {
        _later?.ThrowIfFailed();
        PendingAnswer? pending;
        lock (_gate)
        {
            _requests.TryGetValue(authReqId, out pending);
            if (pending is { Answer.Kind: PersonAnswerKind.SlowDownThenApprove, SlowDownSent: false })
            {
                pending.SlowDownSent = true;
                var slowed = pending;
                // A ping client is not to poll again for its answer: the person approves now, and the server pings.
                _later?.Schedule(_time.GetUtcNow(), token => AnswerOnTheClockAsync(slowed, token));
                return true;
            }
        }

        if (pending is not null)
        {
            await _device.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await AnswerIfDueAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _device.Release();
            }
        }

        return false;
    }

    private async Task AnswerOnTheClockAsync(PendingAnswer pending, CancellationToken cancellationToken)
    {
        await _device.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AnswerIfDueAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _device.Release();
        }
    }

    private async Task AnswerIfDueAsync(PendingAnswer pending, CancellationToken cancellationToken)
    {
        var (kind, delay) = pending.Answer;
        var due = kind switch
        {
            PersonAnswerKind.Approve or PersonAnswerKind.Deny => _time.GetUtcNow() >= pending.AskedAt + delay,
            PersonAnswerKind.SlowDownThenApprove => pending.SlowDownSent,
            _ => false,
        };
        if (pending.Answered || !due || _time.GetUtcNow() >= pending.ExpiresAt)
        {
            return;
        }

        await _api.DecideAsync(pending.DeviceId, approve: kind != PersonAnswerKind.Deny, cancellationToken).ConfigureAwait(false);
        pending.Answered = true;
    }

    private static string Id(JsonElement request) => request.GetProperty("id").GetString() ?? "";
}
