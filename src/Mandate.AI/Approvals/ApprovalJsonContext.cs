using System.Text.Json.Serialization;

namespace Mandate.AI.Approvals;

/// <summary>How <see cref="SqliteApprovalStore"/> writes a <see cref="DurableApproval"/>: one JSON document per row.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DurableApproval))]
internal sealed partial class ApprovalJsonContext : JsonSerializerContext;
