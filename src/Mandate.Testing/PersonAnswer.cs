namespace Mandate.Testing;

/// <summary>What the person does with a request (<see cref="VirtualPerson"/>'s script).</summary>
internal enum PersonAnswerKind
{
    Never,
    Approve,
    Deny,
    SlowDownThenApprove,
}

/// <summary>An answer and, for an approval, how long after the request the person gives it.</summary>
internal readonly record struct PersonAnswer(PersonAnswerKind Kind, TimeSpan Delay);

/// <summary>One request the person was asked: its device id, the answer due, and what has been done with it.</summary>
internal sealed class PendingAnswer(string deviceId, PersonAnswer answer, DateTimeOffset askedAt, DateTimeOffset expiresAt)
{
    public string DeviceId { get; } = deviceId;

    public PersonAnswer Answer { get; } = answer;

    public DateTimeOffset AskedAt { get; } = askedAt;

    /// <summary>When the server lets the request expire: an answer due later is never given.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool SlowDownSent { get; set; }

    public bool Answered { get; set; }
}
