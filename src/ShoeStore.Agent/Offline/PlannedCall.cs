namespace ShoeStore.Agent.Offline;

/// <summary>A tool call the offline planner decided on.</summary>
internal sealed record PlannedCall(string Name, Dictionary<string, object?> Arguments);
