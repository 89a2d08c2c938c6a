using Mandate.Server.Data;

namespace Mandate.Server.Ciba;

/// <summary>
/// What one bc-authorize request writes, all or nothing (<see cref="BackchannelWriteQueue"/>): the request object's use
/// (CIBA §7.1.1), the request when it was accepted, and its audit row. When the use was recorded before (a replay),
/// none of that is written and <see cref="IfReplayed"/>, the audit row of the replay's refusal, is written instead.
/// </summary>
/// <param name="Use">The request object's <c>jti</c> (or signed-content digest), when a request object was sent.</param>
/// <param name="Request">The accepted request, or null for a refusal.</param>
/// <param name="Audit">The audit row of the outcome.</param>
/// <param name="IfReplayed">The audit row written instead when <paramref name="Use"/> was recorded before.</param>
/// <param name="IfTooMany">The audit row written instead of the request and <paramref name="Audit"/> when too many
/// requests wait for the person (<see cref="PendingRequestPolicy"/>); the use is still recorded.</param>
internal sealed record BackchannelWrite(
    JwtUse? Use, BackchannelRequestRecord? Request, AuditEntry Audit, AuditEntry IfReplayed, AuditEntry? IfTooMany = null);
