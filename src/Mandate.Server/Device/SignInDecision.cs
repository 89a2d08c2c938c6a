namespace Mandate.Server.Device;

/// <summary>What <see cref="SignInGuard"/> decided about one attempt.</summary>
/// <param name="Outcome">Signed in, refused, or throttled.</param>
/// <param name="Subject">The user's subject when signed in.</param>
/// <param name="RetryAfter">When throttled, how long to wait.</param>
internal readonly record struct SignInDecision(SignInOutcome Outcome, string? Subject = null, TimeSpan? RetryAfter = null);
