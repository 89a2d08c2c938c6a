using Microsoft.Extensions.Options;

namespace ShoeStore.Api;

/// <summary>Fails start-up with a message that says how to fix a bad <see cref="ShoeStoreOptions"/>.</summary>
internal sealed class ShoeStoreOptionsValidator : IValidateOptions<ShoeStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ShoeStoreOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) ||
            (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("ShoeStore:Authority must be the authorization server's issuer URL " +
                "(env ShoeStore__Authority), e.g. http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha.");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && !authority.IsLoopback && options.RequireHttpsMetadata != false)
        {
            failures.Add("ShoeStore:Authority uses plain HTTP on a non-loopback host; use https, " +
                "or set ShoeStore:RequireHttpsMetadata=false for a closed test network.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("ShoeStore:Audience must name this API (default shoestore-api).");
        }

        if (Mcp.McpResource.Problem(options.McpResource, options.Audience) is { } mcpProblem)
        {
            failures.Add(mcpProblem);
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 1024 * 1024)
        {
            failures.Add("ShoeStore:MaxRequestBodyBytes must be between 1024 and 1048576.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
