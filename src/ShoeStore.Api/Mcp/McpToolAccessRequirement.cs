using Microsoft.AspNetCore.Authorization;

namespace ShoeStore.Api.Mcp;

/// <summary>The MCP endpoint's requirement: every tool a request calls allows the request's token.</summary>
internal sealed class McpToolAccessRequirement : IAuthorizationRequirement;
