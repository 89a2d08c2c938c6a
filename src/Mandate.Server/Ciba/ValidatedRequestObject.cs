using System.Text.Json;

namespace Mandate.Server.Ciba;

/// <summary>A request object that passed <see cref="RequestObjectValidator"/>: its claims, and the use to record.</summary>
/// <param name="Claims">The payload, whose authentication request parameters replace the form's (CIBA §7.1.1).</param>
/// <param name="Use">Its <c>jti</c> (or signed-content digest), recorded once with the request or its refusal; a
/// request object seen before fails there (checklist RO-13).</param>
internal sealed record ValidatedRequestObject(JsonElement Claims, JwtUse Use);
