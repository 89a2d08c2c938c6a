using System.Diagnostics.CodeAnalysis;
using Mandate.Server.Clients;
using Mandate.Server.Endpoints;
using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Authentication;

/// <summary>A form post read and its client authenticated by <see cref="ClientRequestReader"/>, or why not.</summary>
/// <param name="Form">The form's parameters, each present once (empty when refused).</param>
/// <param name="Client">The authenticated client (null when refused).</param>
/// <param name="Error">Why the request is refused, or null.</param>
/// <param name="BasicChallenge">Whether the refusal carries <c>WWW-Authenticate: Basic</c> (the client tried HTTP
/// Basic, RFC 6749 §5.2).</param>
internal sealed record ClientRequest(IReadOnlyDictionary<string, string> Form, RegisteredClient? Client, OAuthError? Error, bool BasicChallenge)
{
    /// <summary>Whether the request is refused.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Client))]
    public bool Failed => Error is not null;

    /// <summary>A refusal.</summary>
    public static ClientRequest Refused(OAuthError error, bool basicChallenge = false) =>
        new(new Dictionary<string, string>(), null, error, basicChallenge);

    /// <summary>The refusal as an RFC 6749 §5.2 JSON error.</summary>
    public IResult Refuse(HttpResponse response) =>
        OAuthResults.Json(Error ?? throw new InvalidOperationException("The request was not refused."), response, BasicChallenge);
}
