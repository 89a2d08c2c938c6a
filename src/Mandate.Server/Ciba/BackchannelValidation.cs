using System.Diagnostics.CodeAnalysis;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// The outcome of <see cref="BackchannelRequestValidator"/>: the request to store, or the error to answer with; either
/// way the request object's use (<see cref="RequestObject"/>), which is recorded with the request or with the refusal's
/// audit row, so that a refused request object cannot be sent again (CIBA §7.1.1).
/// </summary>
internal sealed record BackchannelValidation
{
    /// <summary>The valid request, when there is no <see cref="Error"/>.</summary>
    public ValidatedBackchannelRequest? Request { get; init; }

    /// <summary>The error response (CIBA §13), when the request is refused.</summary>
    public OAuthError? Error { get; init; }

    /// <summary>The use of the signed request object, when one was sent and passed <see cref="RequestObjectValidator"/>.</summary>
    public JwtUse? RequestObject { get; init; }

    /// <summary>Whether the request is refused.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Request))]
    public bool Failed => Error is not null;
}
