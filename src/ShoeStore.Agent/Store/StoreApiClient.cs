using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ShoeStore.Agent.Store;

/// <summary>
/// The store API over HTTP (docs/store-api.md). The bearer token is added by Mandate.AI's tool-token handler
/// inside authorized tool calls; this class never sees one. Refusals come back as <see cref="StoreProblem"/> values.
/// </summary>
internal sealed class StoreApiClient(HttpClient http, ILogger<StoreApiClient>? logger = null)
{
    /// <summary>The header that makes a purchase safe to retry (draft-ietf-httpapi-idempotency-key-header).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly ILogger _logger = logger ?? NullLogger<StoreApiClient>.Instance;

    /// <summary>GET /products?query=&amp;size= — public.</summary>
    public Task<StoreResponse<List<StoreProduct>>> GetProductsAsync(string? query, decimal? size, CancellationToken cancellationToken)
    {
        var parameters = new List<string>();
        if (!string.IsNullOrWhiteSpace(query))
        {
            parameters.Add("query=" + Uri.EscapeDataString(query.Trim()));
        }

        if (size is { } wanted)
        {
            parameters.Add("size=" + wanted.ToString(CultureInfo.InvariantCulture));
        }

        var path = parameters.Count == 0 ? "products" : "products?" + string.Join('&', parameters);
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, path), StoreJsonContext.Default.ListStoreProduct, cancellationToken);
    }

    /// <summary>GET /deals — scope <c>prices</c>.</summary>
    public Task<StoreResponse<List<StoreDeal>>> GetDealsAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "deals"), StoreJsonContext.Default.ListStoreDeal, cancellationToken);

    /// <summary>POST /quotes <c>{ productId, size, quantity }</c> — scope <c>address</c>, for the customer.</summary>
    public Task<StoreResponse<StoreQuote>> CreateQuoteAsync(string productId, decimal size, int quantity, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "quotes")
        {
            Content = JsonContent.Create(new QuoteRequestBody(productId, size, quantity), StoreJsonContext.Default.QuoteRequestBody),
        }, StoreJsonContext.Default.StoreQuote, cancellationToken);

    /// <summary>POST /orders <c>{ quoteId }</c> with an <c>Idempotency-Key</c> — scope <c>payment</c>, for the customer.</summary>
    public Task<StoreResponse<StoreOrder>> PlaceOrderAsync(string quoteId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "orders")
        {
            Content = JsonContent.Create(new OrderRequestBody(quoteId), StoreJsonContext.Default.OrderRequestBody),
        };
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        return SendAsync(request, StoreJsonContext.Default.StoreOrder, cancellationToken);
    }

    /// <summary>GET /orders — scope <c>payment</c>, for the customer.</summary>
    public Task<StoreResponse<List<StoreOrder>>> GetOrdersAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "orders"), StoreJsonContext.Default.ListStoreOrder, cancellationToken);

    private async Task<StoreResponse<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            var path = request.RequestUri?.OriginalString ?? "";
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var value = await response.Content.ReadFromJsonAsync(type, cancellationToken);
                    return value is null
                        ? StoreResponse<T>.Failure(new StoreProblem((int)response.StatusCode, null, "Empty answer", "The store sent an empty answer.", null, null))
                        : StoreResponse<T>.Success(value);
                }

                var problem = await ReadProblemAsync(response, cancellationToken);
                StoreLog.Refused(_logger, request.Method.Method, path, problem.Status, problem.Type);
                return StoreResponse<T>.Failure(problem);
            }
            catch (Exception exception) when (exception is HttpRequestException or JsonException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                StoreLog.Unreachable(_logger, request.Method.Method, path, exception);
                return StoreResponse<T>.Failure(new StoreProblem(0, null, "Store unavailable", null, null, null));
            }
        }
    }

    private static async Task<StoreProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var bearerError = response.Headers.WwwAuthenticate
            .Where(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            .Select(h => BearerParameter(h.Parameter, "error"))
            .FirstOrDefault(e => e is not null);
        ProblemBody? body = null;
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                body = await response.Content.ReadFromJsonAsync(StoreJsonContext.Default.ProblemBody, cancellationToken);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        return new StoreProblem(status, body?.Type, body?.Title, body?.Detail, body?.Errors, bearerError);
    }

    /// <summary>One <c>name="value"</c> parameter of an RFC 6750 §3 challenge.</summary>
    private static string? BearerParameter(string? parameters, string name)
    {
        if (parameters is null)
        {
            return null;
        }

        foreach (var part in parameters.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(part[..equals].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
