using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShoeStore.Api;
using ShoeStore.Api.Deals;
using ShoeStore.Api.Mcp;
using ShoeStore.Api.Mcp.Tools;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Products;
using ShoeStore.Api.Quotes;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the shoe store's API.</summary>
public static class ShoeStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the store: its data in SQLite or PostgreSQL as <c>ConnectionStrings:ShoeStore</c> says (migrated and seeded
    /// at start), JwtBearer validation of the authorization server's RFC 9068 access tokens, the per-endpoint policies
    /// and RFC 9457 problems.
    /// Reads the <c>ShoeStore</c> section and the <c>ShoeStore</c> connection string of <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddShoeStoreApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShoeStoreOptions>().Bind(configuration.GetSection(ShoeStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShoeStoreOptions>, ShoeStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize =
            configuration.GetSection(ShoeStoreOptions.SectionName).Get<ShoeStoreOptions>()?.MaxRequestBodyBytes ?? new ShoeStoreOptions().MaxRequestBodyBytes);

        // One context per provider, each with its own migrations; the connection string picks which one serves.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShoeStoreOptions>, StoreDatabaseValidator>());
        services.TryAddSingleton(provider => ResolveDatabase(configuration, provider.GetRequiredService<IOptions<ShoeStoreOptions>>().Value));
        services.AddDbContext<SqliteShoeStoreDbContext>((provider, options) =>
            options.UseSqlite(provider.GetRequiredService<StoreDatabase>().ConnectionString));
        services.AddDbContext<PostgreSqlShoeStoreDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<StoreDatabase>().ConnectionString));
        services.TryAddScoped<ShoeStoreDbContext>(provider => provider.GetRequiredService<StoreDatabase>().Provider switch
        {
            StoreDatabaseProvider.PostgreSql => provider.GetRequiredService<PostgreSqlShoeStoreDbContext>(),
            _ => provider.GetRequiredService<SqliteShoeStoreDbContext>(),
        });
        services.TryAddScoped<StoreDatabaseInitializer>();
        services.AddHostedService<StoreDatabaseStartup>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerConfigurator>());
        StorePolicies.Add(services.AddAuthorizationBuilder());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, StoreAccessHandler>());
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, BearerAuthorizationResultHandler>());

        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = StoreProblems.DescribeException);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler, MalformedRequestExceptionHandler>());
        services.TryAddSingleton<JsonRequestReader>();
        services.TryAddScoped<PurchasePricer>();
        services.TryAddScoped<OrderService>();
        services.TryAddScoped<OrderHistory>();
        services.TryAddScoped<ProductCatalog>();
        services.TryAddScoped<ActiveDeals>();
        services.TryAddScoped<QuoteService>();

        // MCP (issue 15): stateless Streamable HTTP — each POST is answered on its own request, with its own token.
        var tools = new StoreToolCatalog();
        services.TryAddSingleton(tools);
        services.TryAddSingleton<McpResource>();
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, McpToolAccessHandler>());
        services.AddMcpServer(mcp => mcp.ServerInfo = new ModelContextProtocol.Protocol.Implementation { Name = "shoestore", Version = "1.0.0" })
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools(tools.Tools);
        return services;
    }

    private static StoreDatabase ResolveDatabase(IConfiguration configuration, ShoeStoreOptions options)
    {
        // StoreDatabaseValidator has already failed start-up with the reason; this guards a host built without it.
        if (!StoreDatabase.TryResolve(configuration.GetConnectionString(StoreDatabase.ConnectionStringName),
            options.DatabaseProvider, options.DataDirectory, options.DatabaseMaxPoolSize, out var database, out var error))
        {
            throw new InvalidOperationException(error);
        }

        if (database.SqliteDirectory() is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return database;
    }
}
