using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Security;

/// <summary>
/// An access token this API refuses for a reason the token handler does not check (RFC 9068 §2.2 required
/// claims, syntax, sender constraints). The message is fixed text, safe to show: never token content.
/// </summary>
internal sealed class AccessTokenRejectedException : SecurityTokenValidationException
{
    public AccessTokenRejectedException()
    {
    }

    public AccessTokenRejectedException(string message)
        : base(message)
    {
    }

    public AccessTokenRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
