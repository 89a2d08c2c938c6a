namespace Mandate.Client.Tokens;

/// <summary>
/// The server's answer broke the protocol: a success response without a required member (e.g. a backchannel
/// authentication response without <c>auth_req_id</c> or <c>expires_in</c>, CIBA Core §7.3), a body that is not JSON,
/// or a discovery document for another issuer. The message names what is wrong and never quotes a token.
/// </summary>
public sealed class OAuthProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OAuthProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the answer.</param>
    public OAuthProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the answer.</param>
    /// <param name="innerException">The cause.</param>
    public OAuthProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
