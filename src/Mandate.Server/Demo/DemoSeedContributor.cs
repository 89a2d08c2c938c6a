using Mandate.Server.Configuration;
using Mandate.Server.Seeding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Demo;

/// <summary>
/// The demo host's first start (docs/server.md, step 1): when <see cref="MandateServerOptions.SeedDemo"/> is on, no
/// seed file is given and no client is registered, imports <see cref="DemoSeed"/> and writes its secrets to
/// <c>demo.env</c> (mode 0600) in the data directory. Later starts find the clients and leave both alone.
/// </summary>
internal sealed partial class DemoSeedContributor(IOptions<MandateServerOptions> options, ILogger<DemoSeedContributor> logger)
    : IMandateSeedContributor
{
    /// <inheritdoc />
    public async Task SeedAsync(IMandateSeeder seeder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.SeedDemo || o.SeedFile is { Length: > 0 } || await seeder.HasClientsAsync(cancellationToken))
        {
            return;
        }

        var (seed, privateJwk, secret, password) = DemoSeed.Create();
        await seeder.ImportAsync(seed, cancellationToken);
        var path = Path.Combine(o.DataDirectory, DemoEnvWriter.FileName);
        DemoEnvWriter.Write(path, DemoEnvWriter.Render(o, secret, privateJwk, password));
        DemoSeedWritten(logger, path);
    }

    [LoggerMessage(9, LogLevel.Information, "Demo seed written to {Path}.")]
    private static partial void DemoSeedWritten(ILogger logger, string path);
}
