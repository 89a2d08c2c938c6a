using System.Buffers;
using System.Text.Json;
using Mandate.Server.Ciba;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Endpoints;

/// <summary>The successful authentication request acknowledgement (CIBA §7.3).</summary>
internal static class BackchannelResponse
{
    /// <summary>The media type of the answer, as ASP.NET Core's JSON results spell it.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Writes <c>auth_req_id</c>, <c>expires_in</c> and <c>interval</c> (CIBA §7.3) with <c>Cache-Control: no-store</c>:
    /// the three members written once into a buffer, without serializing a dictionary through reflection.
    /// </summary>
    public static IResult Write(BackchannelAcknowledgement acknowledgement, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("auth_req_id", acknowledgement.AuthReqId);
            json.WriteNumber("expires_in", acknowledgement.ExpiresIn);
            json.WriteNumber("interval", acknowledgement.Interval);
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory, ContentType);
    }
}
