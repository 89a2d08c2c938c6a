using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShoeStore.Api;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the shoe store's API.</summary>
public static class ShoeStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the store: its SQLite data (migrated and seeded at start), JwtBearer validation of the
    /// authorization server's RFC 9068 access tokens, the per-endpoint policies and RFC 9457 problems.
    /// Reads the <c>ShoeStore</c> section and the <c>ShoeStore</c> connection string of <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddShoeStoreApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShoeStoreOptions>().Bind(configuration.GetSection(ShoeStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShoeStoreOptions>, ShoeStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize =
            configuration.GetSection(ShoeStoreOptions.SectionName).Get<ShoeStoreOptions>()?.MaxRequestBodyBytes ?? new ShoeStoreOptions().MaxRequestBodyBytes);

        services.AddDbContext<ShoeStoreDbContext>((provider, options) =>
            options.UseSqlite(ConnectionString(configuration, provider.GetRequiredService<IOptions<ShoeStoreOptions>>().Value)));
        services.TryAddScoped<StoreDatabaseInitializer>();
        services.AddHostedService<StoreDatabaseStartup>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerConfigurator>());
        StorePolicies.Add(services.AddAuthorizationBuilder());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, StoreAccessHandler>());
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, BearerAuthorizationResultHandler>());

        services.AddProblemDetails();
        services.TryAddSingleton<JsonRequestReader>();
        services.TryAddScoped<PurchasePricer>();
        services.TryAddScoped<OrderService>();
        return services;
    }

    private static string ConnectionString(IConfiguration configuration, ShoeStoreOptions options)
    {
        if (configuration.GetConnectionString("ShoeStore") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "shoestore.db")}";
    }
}
