using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// The store API in memory: its own fresh database (<see cref="SqliteStoreApiFactory"/>,
/// <see cref="PostgreSqlStoreApiFactory"/>), a <see cref="TestAuthority"/> as the authorization server, a
/// <see cref="FakeTimeProvider"/> as the clock, and every log line captured.
/// </summary>
public abstract class StoreApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly StoreDatabaseProvider _provider;
    private TestAuthority? _authority;
    private TestDatabase? _database;

    private protected StoreApiFactory(StoreDatabaseProvider provider)
    {
        _provider = provider;
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public CapturedLogs Logs { get; } = new();

    public TestAuthority Authority => _authority ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The database this API runs on.</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    internal StoreDatabaseProvider Provider => _provider;

    public async Task InitializeAsync()
    {
        if (_provider == StoreDatabaseProvider.PostgreSql && PostgreSqlTestServer.ConnectionString is null)
        {
            // The class's tests are reported as skipped (DatabaseFact); xunit still builds its fixture.
            return;
        }

        _database = await TestDatabase.CreateAsync(_provider);
        _authority = await TestAuthority.StartAsync();
    }

    /// <summary>A valid CIBA token for <c>end.user</c> through <c>ai-agent</c>, issued now.</summary>
    public JwtBuilder Token() => Authority.AccessToken(Time.GetUtcNow());

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? token = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, token);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await client.SendAsync(request);
    }

    /// <summary>Sets the stock of one size, so a test does not depend on the seeded numbers.</summary>
    public Task SetStockAsync(string productId, decimal size, int stock) =>
        WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == productId && s.Size == size)
            .ExecuteUpdateAsync(update => update.SetProperty(s => s.Stock, stock)));

    internal async Task<T> WithDbAsync<T>(Func<ShoeStoreDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShoeStoreDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_authority is not null)
        {
            await _authority.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ShoeStore:Authority", TestAuthority.Issuer);
        builder.UseSetting("ConnectionStrings:ShoeStore", Database.ConnectionString);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
                options => options.BackchannelHttpHandler = Authority.CreateHandler());
        });
    }
}
