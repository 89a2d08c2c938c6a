namespace ShoeStore.Agent.Tools.Results;

/// <summary>A tool that could not do its job: the same <c>{ error, message }</c> shape as Mandate.AI's refusals.</summary>
internal sealed record ToolError(string Error, string Message);
