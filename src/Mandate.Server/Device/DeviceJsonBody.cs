using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mandate.Server.Device;

/// <summary>
/// Reads a small JSON body of the device API with a hard size limit: a body announced or found larger than
/// <see cref="MaxBytes"/> is refused (413) before it is parsed, so a 5 MiB "password" costs no more than a short one.
/// </summary>
internal static class DeviceJsonBody
{
    /// <summary>The largest body the device sign-in reads (16 KiB, as the store API).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Reads and parses the request body, at most <see cref="MaxBytes"/> of it; the value is null when the body
    /// is not JSON of the expected shape.</summary>
    public static async Task<(bool TooLarge, T? Value)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (true, default);
        }

        // Kestrel stops a longer body itself; the loop below covers hosts without the feature and chunked bodies.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (true, default);
        }

        if (length > MaxBytes)
        {
            return (true, default);
        }

        try
        {
            return (false, JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), JsonSerializerOptions.Web));
        }
        catch (JsonException)
        {
            return (false, default);
        }
    }
}
