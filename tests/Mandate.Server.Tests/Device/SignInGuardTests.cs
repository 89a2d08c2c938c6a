using Mandate.Server.Data;
using Mandate.Server.Device;
using Microsoft.AspNetCore.Identity;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// The sign-in decision: every attempt that passes the address limit verifies exactly one password hash, whether the
/// user exists, is disabled or is throttled; unknown and known usernames get the same answers.
/// </summary>
public sealed class SignInGuardTests
{
    private static readonly IPAddress Address = IPAddress.Parse("203.0.113.7");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingHasher _hasher = new();
    private readonly UserAccount _user;

    public SignInGuardTests()
    {
        _user = new UserAccount { Id = "sub-1", Username = "end.user" };
        _user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(_user, "right-password");
    }

    private SignInGuard Guard(int attemptsPerMinute = 1000) => new(
        _hasher,
        new SignInAddressLimiter(attemptsPerMinute, _time),
        new AccountThrottle(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), _time));

    [Fact]
    public void UnknownUser_VerifiesExactlyOneHash_AndIsInvalidCredentials()
    {
        var decision = Guard().Decide("ghost", "whatever", null, Address);
        Assert.Equal(SignInOutcome.InvalidCredentials, decision.Outcome);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public void KnownUserWrongPassword_VerifiesExactlyOneHash_AndIsInvalidCredentials()
    {
        var decision = Guard().Decide("end.user", "wrong-password", _user, Address);
        Assert.Equal(SignInOutcome.InvalidCredentials, decision.Outcome);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public void KnownUserRightPassword_VerifiesExactlyOneHash_AndSignsIn()
    {
        var decision = Guard().Decide("end.user", "right-password", _user, Address);
        Assert.Equal(new SignInDecision(SignInOutcome.Success, "sub-1"), decision);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public void DisabledUserRightPassword_VerifiesExactlyOneHash_AndIsInvalidCredentials()
    {
        _user.Enabled = false;
        var decision = Guard().Decide("end.user", "right-password", _user, Address);
        Assert.Equal(SignInOutcome.InvalidCredentials, decision.Outcome);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Theory]
    [InlineData("end.user")]
    [InlineData("ghost")]
    public void ThrottledAttempt_VerifiesExactlyOneHash_AndIsThrottledEvenWithTheRightPassword(string username)
    {
        var guard = Guard();
        var user = username == "end.user" ? _user : null;
        for (var i = 0; i < 5; i++)
        {
            guard.Decide(username, "wrong-password", user, Address);
        }

        _hasher.Verifications = 0;
        var decision = guard.Decide(username, "right-password", user, Address);
        Assert.Equal(new SignInDecision(SignInOutcome.Throttled, RetryAfter: TimeSpan.FromMinutes(1)), decision);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public void SixWrongPasswords_GiveTheSameAnswers_ForAnUnknownAndAKnownUser()
    {
        var guard = Guard();
        var unknown = Enumerable.Range(0, 6).Select(_ => guard.Decide("ghost", "wrong-password", null, Address)).ToList();
        var known = Enumerable.Range(0, 6).Select(_ => guard.Decide("end.user", "wrong-password", _user, Address)).ToList();
        Assert.Equal(unknown, known);
        Assert.Equal([.. Enumerable.Repeat(SignInOutcome.InvalidCredentials, 5), SignInOutcome.Throttled], known.Select(d => d.Outcome));
        Assert.Equal(12, _hasher.Verifications);
    }

    [Fact]
    public void AfterTheWait_TheOwnersRightPasswordSignsIn_ThoughSomeoneKeptFailing()
    {
        var guard = Guard();
        var attacker = IPAddress.Parse("198.51.100.1");
        for (var i = 0; i < 30; i++)
        {
            guard.Decide("end.user", "guess-" + i, _user, attacker);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var wait = guard.Decide("end.user", "right-password", _user, Address).RetryAfter!.Value;
        _time.Advance(wait);
        Assert.Equal(SignInOutcome.Success, guard.Decide("end.user", "right-password", _user, Address).Outcome);
    }

    [Fact]
    public void AddressOverItsLimit_IsThrottledWithoutVerifyingAHash()
    {
        var guard = Guard(attemptsPerMinute: 3);
        for (var i = 0; i < 3; i++)
        {
            guard.Decide("user-" + i, "wrong-password", null, Address);
        }

        _hasher.Verifications = 0;
        var decision = guard.Decide("end.user", "right-password", _user, Address);
        Assert.Equal(SignInOutcome.Throttled, decision.Outcome);
        Assert.Equal(0, _hasher.Verifications);
    }

    [Fact]
    public void AddressLimit_CountsIPv6BySlash64()
    {
        var guard = Guard(attemptsPerMinute: 2);
        guard.Decide("a", "wrong-password", null, IPAddress.Parse("2001:db8:1:2::1"));
        guard.Decide("b", "wrong-password", null, IPAddress.Parse("2001:db8:1:2::2"));
        Assert.Equal(SignInOutcome.Throttled, guard.Decide("c", "wrong-password", null, IPAddress.Parse("2001:db8:1:2:ffff::3")).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, guard.Decide("c", "wrong-password", null, IPAddress.Parse("2001:db8:1:3::1")).Outcome);
    }

    [Fact]
    public void SuccessfulSignIns_DoNotUseTheAddressBudget()
    {
        var guard = Guard(attemptsPerMinute: 2);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(SignInOutcome.Success, guard.Decide("end.user", "right-password", _user, Address).Outcome);
        }

        Assert.Equal(SignInOutcome.InvalidCredentials, guard.Decide("end.user", "wrong-password", _user, Address).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, guard.Decide("end.user", "wrong-password", _user, Address).Outcome);
        Assert.Equal(SignInOutcome.Throttled, guard.Decide("end.user", "right-password", _user, Address).Outcome);
    }

    /// <summary>The real hasher, counting verifications.</summary>
    private sealed class CountingHasher : IPasswordHasher<UserAccount>
    {
        private readonly PasswordHasher<UserAccount> _inner = new();

        public int Verifications { get; set; }

        public string HashPassword(UserAccount user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
