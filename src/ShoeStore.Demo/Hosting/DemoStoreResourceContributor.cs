using Mandate.Server.Configuration;
using Mandate.Server.Demo;
using Mandate.Server.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ShoeStore.Demo.Agent;

namespace ShoeStore.Demo.Hosting;

/// <summary>
/// Keeps the demo agent's registered resources (RFC 8707) on the store the demo actually runs: on every start, after the
/// demo seed, the agent's client is imported again with the store's real MCP URL (<see cref="McpResourceKey"/>), its
/// secret and signing key taken from <c>demo.env</c>. So <c>--store-urls</c> with another port, on the first start or a
/// later one, still lets the agent ask tokens for the store's <c>/mcp</c>. Does nothing when the demo seed is off, a
/// seed file is used (the operator's document decides), or there is no <c>demo.env</c>.
/// </summary>
internal sealed class DemoStoreResourceContributor(IOptions<MandateServerOptions> options, IConfiguration configuration) : IMandateSeedContributor
{
    /// <summary>The server's setting that carries the store's MCP resource (set by <see cref="DemoServers"/>).</summary>
    public const string McpResourceKey = "Demo:StoreMcpResource";

    /// <inheritdoc />
    public async Task SeedAsync(IMandateSeeder seeder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var demoEnv = Path.Combine(o.DataDirectory, DemoEnvWriter.FileName);
        if (!o.SeedDemo || o.SeedFile is { Length: > 0 } || configuration[McpResourceKey] is not { Length: > 0 } resource || !File.Exists(demoEnv))
        {
            return;
        }

        var credentials = DemoCredentials.Read(demoEnv, o.DataDirectory);
        var client = DemoSeed.AgentClient(credentials.ClientSecret, DemoSeed.PublicJwks(credentials.SigningJwk), resource);
        await seeder.ImportAsync(new SeedDocument { Clients = [client] }, cancellationToken);
    }
}
