using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary>One <c>tools/call</c>: the validated token, the arguments, and the request's services.</summary>
internal sealed record StoreToolCall(AccessTokenClaims Token, ToolArguments Arguments, IServiceProvider Services);
