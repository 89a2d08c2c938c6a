using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mandate.Server.Passkeys;

/// <summary>
/// One byte form for a JSON value whatever its layout, in the spirit of RFC 8785 (JCS): no insignificant whitespace,
/// object members sorted by name in UTF-16 code-unit order (RFC 8785 §3.2.3), strings with the shortest escaping
/// (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: only what JSON requires). Unlike RFC 8785, numbers keep
/// the text they were written with (the server stores and shows the request's own text, so <c>10.5</c> and
/// <c>10.50</c> are different documents). Two documents that differ only in member order or whitespace give the same
/// bytes.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The canonical UTF-8 bytes of <paramref name="json"/>; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static byte[] Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(document.RootElement, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The canonical form as a string.</summary>
    public static string CanonicalizeToString(string json) => Encoding.UTF8.GetString(Canonicalize(json));

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                // Numbers as written; true, false, null.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
