using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoeStore.Agent.Tools.Results;

/// <summary>The tools' results as JSON for the model (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProductsResult))]
[JsonSerializable(typeof(DealsResult))]
[JsonSerializable(typeof(QuoteResult))]
[JsonSerializable(typeof(OrderResult))]
[JsonSerializable(typeof(OrdersResult))]
[JsonSerializable(typeof(ToolError))]
[JsonSerializable(typeof(ShoePurchaseDetail))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
