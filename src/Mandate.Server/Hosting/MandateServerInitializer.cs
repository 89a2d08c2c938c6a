using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Keys;
using Mandate.Server.Logging;
using Mandate.Server.Scopes;
using Mandate.Server.Seeding;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace Mandate.Server.Hosting;

/// <summary>
/// Start-up: applies EF Core migrations, loads the seed file or writes the demo seed on first start, loads the
/// scope catalogue and keys, and resolves OpenIddict's options so a bad configuration fails here, not on a request.
/// </summary>
public sealed class MandateServerInitializer(
    IServiceScopeFactory scopes,
    IOptions<MandateServerOptions> options,
    ScopeCatalog scopeCatalog,
    ServerKeyRing keys,
    IOptionsMonitor<OpenIddictServerOptions> openIddictOptions,
    ILogger<MandateServerInitializer> logger)
{
    /// <summary>Runs the start-up steps.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
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

        using (var scope = scopes.CreateScope())
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
        var importer = services.GetRequiredService<SeedImporter>();
        if (o.SeedFile is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException("The seed file '" + file + "' does not exist (--seed FILE).");
            }

            var seed = JsonSerializer.Deserialize<SeedDocument>(await File.ReadAllTextAsync(file, cancellationToken), SeedDocument.JsonOptions)
                ?? throw new InvalidOperationException("The seed file '" + file + "' is empty.");
            await importer.ImportAsync(seed, cancellationToken);
            Log.SeedLoaded(logger, file, seed.Clients.Count, seed.Users.Count, seed.Scopes.Count);
            return;
        }

        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        if (!o.SeedDemo || await applications.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var (demo, privateJwk, secret, password) = DemoSeed.Create();
        await importer.ImportAsync(demo, cancellationToken);
        var path = Path.Combine(o.DataDirectory, DemoEnvFile.FileName);
        DemoEnvFile.Write(path, DemoEnvFile.Render(o, secret, privateJwk, password));
        Log.DemoSeedWritten(logger, path);
    }
}
