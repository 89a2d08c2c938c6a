using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ShoeStore.Api.Problems;

/// <summary>
/// Reads a JSON request body with a size limit. Every failure is an RFC 9457 problem, never an exception:
/// 415 for another media type, 413 past the limit, 400 naming the field whose value is not valid.
/// </summary>
internal sealed class JsonRequestReader(IOptions<JsonOptions> jsonOptions, IOptions<ShoeStoreOptions> storeOptions)
{
    /// <summary>Returns the body as <typeparamref name="T"/>, or the problem to answer with.</summary>
    public async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, StoreProblems.UnsupportedMediaType());
        }

        var limit = storeOptions.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, StoreProblems.PayloadTooLarge(limit));
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return (null, StoreProblems.PayloadTooLarge(limit));
        }

        if (body.Length == 0)
        {
            return (null, StoreProblems.Validation("body", "A JSON body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, jsonOptions.Value.SerializerOptions);
            return value is null
                ? (null, StoreProblems.Validation("body", "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, StoreProblems.Validation(FieldName(ex.Path), "The value is missing, malformed or of the wrong type."));
        }
    }

    /// <summary>Turns a System.Text.Json path (<c>$.size</c>) into the field name (<c>size</c>).</summary>
    public static string FieldName(string? path) =>
        path is null or "$" || !path.StartsWith("$.", StringComparison.Ordinal) ? "body" : path[2..];

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
