using Mandate.Client.Authentication;

namespace Mandate.Client.Ciba;

/// <summary>
/// Builds and signs a CIBA signed authentication request (CIBA Core §7.1.1): every parameter as a claim (string values,
/// <c>requested_expiry</c> a JSON number, <c>authorization_details</c> a JSON array), plus <c>iss</c> (the client id),
/// <c>aud</c> (the OP's issuer), <c>iat</c>, <c>nbf</c>, <c>exp</c> and a fresh <c>jti</c>. Signed before it is sent,
/// with the algorithm the JWK calls for (ES256, PS256 or RS256).
/// </summary>
internal sealed class RequestObjectSigner
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;

    public RequestObjectSigner(TimeProvider time)
    {
        _time = time;
    }

    public string Sign(BackchannelAuthenticationRequest request, RequestObjectSettings settings, JwkSigningKey key, string? clientNotificationToken)
    {
        var lifetime = settings.Lifetime > TimeSpan.Zero && settings.Lifetime <= MaxLifetime ? settings.Lifetime : MaxLifetime;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var scope = request.BuildScope();
        var acrValues = request.AcrValues ?? settings.DefaultAcrValues;
        return JwtWriter.Sign(key, writer =>
        {
            writer.WriteString("iss", settings.ClientId);
            writer.WriteString("aud", settings.Audience);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("nbf", now);
            writer.WriteNumber("exp", now + (long)lifetime.TotalSeconds);
            writer.WriteString("jti", JwtWriter.NewJti());
            writer.WriteString("scope", scope);
            WriteIfSet(writer, "login_hint", request.LoginHint);
            WriteIfSet(writer, "id_token_hint", request.IdTokenHint);
            WriteIfSet(writer, "login_hint_token", request.LoginHintToken);
            WriteIfSet(writer, "binding_message", request.BindingMessage);
            WriteIfSet(writer, "acr_values", acrValues);
            if (request.RequestedExpiry is { } expiry)
            {
                writer.WriteNumber("requested_expiry", (long)Math.Ceiling(expiry.TotalSeconds));
            }

            WriteIfSet(writer, "user_code", request.UserCode);
            if (request.AuthorizationDetails is { } details)
            {
                writer.WritePropertyName("authorization_details");
                details.WriteTo(writer);
            }

            WriteIfSet(writer, "resource", request.Resource);
            WriteIfSet(writer, "client_notification_token", clientNotificationToken);
        });
    }

    private static void WriteIfSet(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
