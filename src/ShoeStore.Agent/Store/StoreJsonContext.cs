using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoeStore.Agent.Store;

/// <summary>The store API's JSON (ASP.NET Core web defaults: camelCase, case-insensitive reading).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(List<StoreProduct>))]
[JsonSerializable(typeof(List<StoreDeal>))]
[JsonSerializable(typeof(StoreQuote))]
[JsonSerializable(typeof(StoreOrder))]
[JsonSerializable(typeof(List<StoreOrder>))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(QuoteRequestBody))]
[JsonSerializable(typeof(OrderRequestBody))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
