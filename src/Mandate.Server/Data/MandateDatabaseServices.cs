using Mandate.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Data;

/// <summary>
/// Registers the server's database on the provider the configuration names (<see cref="MandateDatabase"/>), and keeps
/// ASP.NET Core's data-protection keys in it so that every instance can read a device session cookie made by another.
/// </summary>
internal static class MandateDatabaseServices
{
    /// <summary>The data-protection application name: the same on every instance, wherever it is installed.</summary>
    public const string DataProtectionApplicationName = "Mandate.Server";

    /// <summary>DbContext instances kept for reuse per provider (EF Core's default is 1024; a context holds no
    /// connection while idle, so this bounds memory only).</summary>
    public const int PoolSize = 256;

    public static void AddMandateDatabase(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MandateServerOptions>, MandateDatabaseValidator>());
        services.TryAddSingleton(Resolve);
        services.TryAddSingleton<SqliteConnectionTuning>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteCheckpointer>());

        // Pooled contexts: a request reuses a reset DbContext instead of building one (the context's start-up was 13 %
        // of a pending poll's time in the profile). The options are built once, from the root provider.
        services.AddDbContextPool<SqliteMandateDbContext>((sp, db) =>
        {
            db.UseSqlite(sp.GetRequiredService<MandateDatabase>().ConnectionString);
            db.AddInterceptors(sp.GetRequiredService<SqliteConnectionTuning>());
            db.UseOpenIddict();
        }, PoolSize);
        services.AddDbContextPool<PostgreSqlMandateDbContext>((sp, db) =>
        {
            db.UseNpgsql(sp.GetRequiredService<MandateDatabase>().ConnectionString);
            db.UseOpenIddict();
        }, PoolSize);
        services.TryAddScoped<MandateDbContext>(sp => sp.GetRequiredService<MandateDatabase>().Provider switch
        {
            MandateDatabaseProvider.PostgreSql => sp.GetRequiredService<PostgreSqlMandateDbContext>(),
            _ => sp.GetRequiredService<SqliteMandateDbContext>(),
        });
        services.TryAddSingleton<MandateStartupLock>();
        services.TryAddSingleton<DataProtectionKeyBootstrap>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, DatabaseUnavailableStartupFilter>());

        // Data-protection keys in the database. A host that configured its own key repository keeps it.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, ILoggerFactory>((keys, sp, loggers) =>
            keys.XmlRepository ??= new EntityFrameworkCoreXmlRepository<MandateDbContext>(sp, loggers));
    }

    private static MandateDatabase Resolve(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MandateServerOptions>>().Value;
        // MandateDatabaseValidator has already failed start-up with the reason; this guards a host built without it.
        return MandateDatabase.TryResolve(
            MandateDatabaseValidator.ConnectionString(options, services.GetService<IConfiguration>()), options.DatabaseProvider, options.DataDirectory, options.DatabaseMaxPoolSize,
            out var database, out var error)
            ? database
            : throw new InvalidOperationException(error);
    }
}
