using Mandate.Server.Data;
using Mandate.Server.Keys;

namespace Mandate.Server.Tests.Keys;

/// <summary>Which signing key signs, which are published and which are dropped, at a given instant.</summary>
public sealed class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SigningKeyPolicy Policy = new(
        RotationPeriod: TimeSpan.FromDays(90), PublishAhead: TimeSpan.FromDays(1), RetainFor: TimeSpan.FromDays(2), RefreshInterval: TimeSpan.FromMinutes(1));

    private static SigningKey Key(int generation, DateTimeOffset activatesAt) =>
        new() { Generation = generation, KeyId = "k" + generation, ActivatesAt = activatesAt };

    private static string Ids(IEnumerable<SigningKey> keys) => string.Join(' ', keys.Select(k => k.KeyId));

    [Fact]
    public void NoKeyActiveYet_IsNoSchedule()
    {
        Assert.Null(SigningKeySchedule.Compute([], T0, Policy));
        Assert.Null(SigningKeySchedule.Compute([Key(1, T0.AddMinutes(1))], T0, Policy));
    }

    [Fact]
    public void OneKey_SignsAndIsTheOnlyOnePublished()
    {
        var schedule = SigningKeySchedule.Compute([Key(1, T0)], T0, Policy)!;
        Assert.Equal("k1", schedule.Current.KeyId);
        Assert.Null(schedule.Next);
        Assert.Equal("k1", Ids(schedule.Published));
    }

    [Fact]
    public void KeyNotActiveYet_IsPublishedAfterTheSigningKeyButDoesNotSign()
    {
        var schedule = SigningKeySchedule.Compute([Key(2, T0.AddDays(1)), Key(1, T0)], T0.AddHours(1), Policy)!;
        Assert.Equal("k1", schedule.Current.KeyId);
        Assert.Equal("k2", schedule.Next!.KeyId);
        Assert.Equal("k1 k2", Ids(schedule.Published));
    }

    [Fact]
    public void AtItsActivation_TheNextKeySignsAndThePreviousOneIsRetiring()
    {
        var schedule = SigningKeySchedule.Compute([Key(1, T0), Key(2, T0.AddDays(1))], T0.AddDays(1), Policy)!;
        Assert.Equal("k2", schedule.Current.KeyId);
        Assert.Null(schedule.Next);
        Assert.Equal("k2 k1", Ids(schedule.Published));
    }

    [Fact]
    public void ReplacedKey_StaysPublishedForTheRetentionPeriodAfterItsSuccessorActivated_ThenExpires()
    {
        var keys = new[] { Key(1, T0), Key(2, T0.AddDays(10)) };
        var justBefore = SigningKeySchedule.Compute(keys, T0.AddDays(12).AddSeconds(-1), Policy)!;
        Assert.Equal("k1", Ids(justBefore.Retiring));
        Assert.Empty(justBefore.Expired);

        var atEnd = SigningKeySchedule.Compute(keys, T0.AddDays(12), Policy)!;
        Assert.Empty(atEnd.Retiring);
        Assert.Equal("k1", Ids(atEnd.Expired));
        Assert.Equal("k2", Ids(atEnd.Published));
    }

    [Fact]
    public void OlderGenerations_RetireFromTheActivationOfTheirOwnSuccessor()
    {
        // k1 replaced at day 10 (expired at day 12), k2 replaced at day 11 (retiring until day 13).
        var keys = new[] { Key(1, T0), Key(2, T0.AddDays(10)), Key(3, T0.AddDays(11)) };
        var schedule = SigningKeySchedule.Compute(keys, T0.AddDays(12).AddHours(1), Policy)!;
        Assert.Equal("k3", schedule.Current.KeyId);
        Assert.Equal("k2", Ids(schedule.Retiring));
        Assert.Equal("k1", Ids(schedule.Expired));
    }

    [Fact]
    public void RotationIsDue_PublishAheadBeforeThePeriodEnds_AndOnlyWithoutAPendingKey()
    {
        var one = SigningKeySchedule.Compute([Key(1, T0)], T0, Policy)!;
        Assert.Equal(T0.AddDays(89), one.NextRotationDue(Policy));

        var withNext = SigningKeySchedule.Compute([Key(1, T0), Key(2, T0.AddDays(90))], T0.AddDays(89), Policy)!;
        Assert.Null(withNext.NextRotationDue(Policy));

        Assert.Null(one.NextRotationDue(Policy with { RotationPeriod = null }));
    }

    [Fact]
    public void ScheduledActivation_IsThePeriodsEnd_OrPublishAheadFromNowWhenThatIsLater()
    {
        var schedule = SigningKeySchedule.Compute([Key(1, T0)], T0.AddDays(89), Policy)!;
        Assert.Equal(T0.AddDays(90), schedule.ScheduledActivation(T0.AddDays(89), Policy));

        // The server was down past the period's end: the new key is still published a full day before it signs.
        Assert.Equal(T0.AddDays(120), schedule.ScheduledActivation(T0.AddDays(119), Policy));
    }
}
