using Mandate.Server.AuthorizationDetails;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Keys;
using Mandate.Server.Scopes;
using Mandate.Server.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Mandate.Server.Hosting;

/// <summary>
/// Start-up (docs/server.md, "Hosting it in your own app"): applies EF Core migrations, runs the seeds (the
/// <c>--seed FILE</c> import, then every registered <see cref="IMandateSeedContributor"/>), loads the scope catalogue
/// and keys, and resolves OpenIddict's options and the <c>authorization_details</c> types so that a bad configuration
/// fails here, not on a request. Runs once per host: later calls return when the first has succeeded; a failed run
/// may be retried.
/// </summary>
internal sealed class MandateServerInitializer(
    IServiceScopeFactory scopes,
    IOptions<MandateServerOptions> options,
    ScopeCatalog scopeCatalog,
    ServerKeyRing keys,
    AuthorizationDetailsTypes authorizationDetailsTypes,
    IOptionsMonitor<OpenIddictServerOptions> openIddictOptions,
    ILogger<MandateServerInitializer> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Whether a run has completed.</summary>
    public bool IsInitialized => _initialized;

    /// <summary>Runs the start-up steps unless they have already run.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await RunAsync(cancellationToken);
                _initialized = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Injected so that it is built now: an invalid or twice-registered type name fails the start, not a request.
        _ = authorizationDetailsTypes.Names;
        if (!Directory.Exists(o.DataDirectory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(o.DataDirectory);
            }
            else
            {
                Directory.CreateDirectory(o.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<MandateDbContext>();
            if (services.GetRequiredService<MandateDatabase>().Provider == MandateDatabaseProvider.Sqlite)
            {
                // Persistent: stored in the database file, set once here for every later connection.
                await SqliteConnectionTuning.EnableWriteAheadLogAsync(db, cancellationToken);
            }

            // Instances sharing a PostgreSQL database take turns here: the migrations, the seed and the keys are applied
            // and created once. (EF Core's own migration lock did not suffice: with two pending migrations, two instances
            // starting at once both applied the second one.)
            await using (await services.GetRequiredService<MandateStartupLock>().AcquireAsync(cancellationToken))
            {
                await db.Database.MigrateAsync(cancellationToken);
                await SeedAsync(services, o, cancellationToken);
                await keys.RefreshAsync(cancellationToken);
                services.GetRequiredService<DataProtectionKeyBootstrap>().EnsureActiveKey();
            }

            DatabaseLog.Ready(logger, services.GetRequiredService<MandateDatabase>().Provider);
        }

        await scopeCatalog.ReloadAsync(cancellationToken);
        _ = openIddictOptions.CurrentValue;
    }

    private async Task SeedAsync(IServiceProvider services, MandateServerOptions o, CancellationToken cancellationToken)
    {
        var seeder = services.GetRequiredService<IMandateSeeder>();
        await new SeedFileContributor(o, logger).SeedAsync(seeder, cancellationToken);
        foreach (var contributor in services.GetServices<IMandateSeedContributor>())
        {
            await contributor.SeedAsync(seeder, cancellationToken);
        }
    }
}
