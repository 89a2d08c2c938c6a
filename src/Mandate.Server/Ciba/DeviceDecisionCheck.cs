namespace Mandate.Server.Ciba;

/// <summary>Whether a user may decide a request (device API: 404 / 409 / 403 / allowed).</summary>
internal enum DeviceDecisionCheck
{
    /// <summary>The request is pending, unexpired and names this user.</summary>
    Allowed,

    /// <summary>No such request for this user (404).</summary>
    NotFound,

    /// <summary>Already decided or expired (409).</summary>
    Conflict,

    /// <summary>An approval that needs the person's passkey, asked for with a click (403).</summary>
    PasskeyRequired,

    /// <summary>A passkey approval whose passkey was used meanwhile with the same counter (403).</summary>
    PasskeyRefused,
}
