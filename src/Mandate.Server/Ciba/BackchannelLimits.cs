namespace Mandate.Server.Ciba;

/// <summary>Server policy for backchannel authentication requests.</summary>
/// <param name="DefaultExpiry">Lifetime when no <c>requested_expiry</c> is sent.</param>
/// <param name="MaxExpiry">Upper bound for <c>requested_expiry</c>.</param>
/// <param name="RequireOpenId">Whether <c>openid</c> must be in the scope.</param>
/// <param name="RequestObjects">Limits for signed requests.</param>
internal sealed record BackchannelLimits(TimeSpan DefaultExpiry, TimeSpan MaxExpiry, bool RequireOpenId, RequestObjectPolicy RequestObjects);
