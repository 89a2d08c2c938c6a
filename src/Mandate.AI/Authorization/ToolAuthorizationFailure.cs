using System.Text.Json;

namespace Mandate.AI.Authorization;

/// <summary>
/// The short, structured result a refused tool call returns to the model instead of running the tool:
/// <c>{"error":"access_denied","message":"The customer declined the purchase."}</c>. The model can explain it; it
/// never contains a token, an <c>auth_req_id</c> or the server's <c>error_description</c>.
/// </summary>
/// <param name="Error">The code, see <see cref="ToolAuthorizationErrors"/>.</param>
/// <param name="Message">A sentence the model can pass on.</param>
public sealed record ToolAuthorizationFailure(string Error, string Message)
{
    /// <summary>The result as the JSON object the model sees.</summary>
    /// <returns>The JSON object.</returns>
    internal JsonElement ToJsonElement()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", Error);
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
