namespace Mandate.Client.Ciba.Ping;

/// <summary>How the client answers a ping notification (CIBA Core §10.2); each value is the HTTP status to send.</summary>
public enum CibaNotificationResult
{
    /// <summary>204: the bearer token and <c>auth_req_id</c> belong together; the waiting call redeems the token.</summary>
    Accepted = 204,

    /// <summary>400: the body is not a JSON object with a string <c>auth_req_id</c>.</summary>
    BadRequest = 400,

    /// <summary>401: no bearer token, an unknown one, or one not bound to this <c>auth_req_id</c>.</summary>
    Unauthorized = 401,
}
