using System.Net;
using System.Security.Cryptography;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Security;

/// <summary>Checklist 4.6, RS-13: an unknown <c>kid</c> makes one throttled JWKS refresh, then 401.</summary>
public abstract class KeyRefreshTests(StoreApiFactory api) : IAsyncLifetime
{
    private readonly StoreApiFactory _api = api;

    public sealed class OnSqlite() : KeyRefreshTests(new SqliteStoreApiFactory());

    [RequiresPostgreSql]
    public sealed class OnPostgreSql() : KeyRefreshTests(new PostgreSqlStoreApiFactory());

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_api).DisposeAsync();

    [DatabaseFact]
    public async Task RS_13_UnknownKid_RefreshesJwksOnceThenGets401InvalidToken()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/deals", _api.Token().Build())).StatusCode);
        var fetchesAfterWarmUp = _api.Authority.JwksRequests;

        // A key the server rotated in after the API cached its JWKS: the refresh finds it.
        using var rotated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _api.Authority.Publish(rotated, "rotated-key", "ES256");
        var rotatedToken = _api.Token().WithHeader("kid", "rotated-key").SignedWith(JwtBuilder.EcSigner(rotated, HashAlgorithmName.SHA256));

        // The first request asks for the refresh, which IdentityModel may run in the background: retry, bounded.
        var status = HttpStatusCode.Unauthorized;
        for (var attempt = 0; attempt < 200 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(10);
            }

            status = (await _api.GetAsync("/deals", rotatedToken.Build())).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(fetchesAfterWarmUp + 1, _api.Authority.JwksRequests);

        // Unknown kids now: refused, and no new fetch for each (the refresh is throttled).
        for (var i = 0; i < 3; i++)
        {
            var unknown = _api.Token().WithHeader("kid", $"unknown-{i}");
            await Expect.InvalidTokenAsync(await _api.GetAsync("/deals", unknown.Build()));
        }

        Assert.Equal(fetchesAfterWarmUp + 1, _api.Authority.JwksRequests);
    }
}
