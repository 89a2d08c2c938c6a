using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Push;

/// <summary><see cref="PushNotifier"/> on the server's database: every device of the person is sent to, and the
/// outcome is recorded (last used, gone devices deleted, devices off the allow-list skipped). On both engines.</summary>
public abstract class PushNotifierTests(ServerFixture fixture) : IAsyncLifetime
{
    public sealed class OnSqlite(ServerFixture fixture) : PushNotifierTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : PushNotifierTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;

    /// <summary>Each test starts without devices (the server is shared by the class).</summary>
    public async Task InitializeAsync()
    {
        if (_server is null)
        {
            return; // PostgreSQL not configured: the tests are skipped.
        }

        using var scope = _server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MandateDbContext>().PushSubscriptions.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> AddAsync(string subject, string endpoint, DateTimeOffset? expiresAt = null)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        using var scope = _server.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<PushSubscriptionStore>();
        var subscription = new ValidatedPushSubscription(new Uri(endpoint), null,
            Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
        var id = await store.AddAsync(subject, subscription, "Chrome on Android", CancellationToken.None);
        if (expiresAt is not null)
        {
            await scope.ServiceProvider.GetRequiredService<MandateDbContext>().PushSubscriptions.Where(p => p.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, expiresAt));
        }

        return id;
    }

    private async Task<List<PushSubscriptionRecord>> RowsAsync()
    {
        using var scope = _server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MandateDbContext>().PushSubscriptions.AsNoTracking().ToListAsync();
    }

    private async Task NotifyAsync(PushTransport transport, string subject)
    {
        using var scope = _server.Services.CreateScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<MandateServerOptions>>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var sender = new WebPushSender(transport.Factory, options, _server.Time, loggers.CreateLogger<WebPushSender>()) { Delay = (_, _) => Task.CompletedTask };
        var notifier = new PushNotifier(services.GetRequiredService<PushSubscriptionStore>(), services.GetRequiredService<VapidKeys>(), sender, services.GetRequiredService<NoPushDevicesCache>(), options, _server.Time, loggers.CreateLogger<PushNotifier>());
        await notifier.NotifyAsync(new PushNotice("req-1", subject, "Agent", "Buy shoes", _server.Time.GetUtcNow().AddMinutes(5)), CancellationToken.None);
    }

    [DatabaseFact]
    public async Task EveryDeviceOfThePerson_IsSentTo_AndMarkedUsed_OthersAreNot()
    {
        var phone = await AddAsync(TestSeed.EndUserSubject, "https://fcm.googleapis.com/fcm/send/phone");
        var laptop = await AddAsync(TestSeed.EndUserSubject, "https://updates.push.services.mozilla.com/wpush/v2/laptop");
        var other = await AddAsync(TestSeed.AppOwnerSubject, "https://fcm.googleapis.com/fcm/send/other");
        var transport = new PushTransport(201);

        await NotifyAsync(transport, TestSeed.EndUserSubject);

        Assert.Equal(
            ["https://fcm.googleapis.com/fcm/send/phone", "https://updates.push.services.mozilla.com/wpush/v2/laptop"],
            transport.Requests.Select(r => r.Request.RequestUri!.AbsoluteUri).Order());
        var rows = (await RowsAsync()).ToDictionary(r => r.Id);
        // PostgreSQL keeps microseconds.
        Assert.Equal(_server.Time.GetUtcNow(), rows[phone].LastUsedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(_server.Time.GetUtcNow(), rows[laptop].LastUsedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(rows[other].LastUsedAt);
    }

    [DatabaseFact]
    public async Task APersonWithoutDevices_IsRemembered_UntilTheyRegisterOne()
    {
        var noDevices = _server.Services.GetRequiredService<NoPushDevicesCache>();
        noDevices.Clear();
        var transport = new PushTransport(201);

        await NotifyAsync(transport, TestSeed.AppOwnerSubject);
        Assert.True(noDevices.HasNone(TestSeed.AppOwnerSubject));

        await AddAsync(TestSeed.AppOwnerSubject, "https://fcm.googleapis.com/fcm/send/new-phone");
        Assert.False(noDevices.HasNone(TestSeed.AppOwnerSubject));
        await NotifyAsync(transport, TestSeed.AppOwnerSubject);
        Assert.Single(transport.Requests);
    }

    [DatabaseFact]
    public async Task AGoneDevice_IsDeleted_TheOthersStay()
    {
        var gone = await AddAsync(TestSeed.EndUserSubject, "https://fcm.googleapis.com/fcm/send/gone");
        var kept = await AddAsync(TestSeed.EndUserSubject, "https://updates.push.services.mozilla.com/wpush/v2/kept");
        var transport = new PushTransport(201) { Answer = (_, r) => r.RequestMessage!.RequestUri!.AbsoluteUri.EndsWith("/gone", StringComparison.Ordinal) ? new HttpResponseMessage(HttpStatusCode.Gone) : r };

        await NotifyAsync(transport, TestSeed.EndUserSubject);

        Assert.Equal([kept], (await RowsAsync()).Select(r => r.Id));
        Assert.Contains(_server.Logs.Messages, m => m.Contains("Push device " + gone + " is gone (HTTP 410)", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task ADeviceWhoseSubscriptionEnded_IsDeletedWithoutSending()
    {
        await AddAsync(TestSeed.EndUserSubject, "https://fcm.googleapis.com/fcm/send/ended", expiresAt: _server.Time.GetUtcNow().AddSeconds(-1));
        var transport = new PushTransport(201);

        await NotifyAsync(transport, TestSeed.EndUserSubject);

        Assert.Empty(transport.Requests);
        Assert.Empty(await RowsAsync());
    }

    [DatabaseFact]
    public async Task ADeviceNoLongerOnTheAllowList_IsSkipped_NotSentTo()
    {
        var id = await AddAsync(TestSeed.EndUserSubject, "https://fcm.googleapis.com/fcm/send/was-allowed");
        _server.Services.GetRequiredService<IOptions<MandateServerOptions>>().Value.Push.AllowedEndpoints.Remove("https://fcm.googleapis.com/");
        try
        {
            var transport = new PushTransport(201);
            await NotifyAsync(transport, TestSeed.EndUserSubject);
            Assert.Empty(transport.Requests);
            Assert.Contains(_server.Logs.Messages, m => m.Contains("Push device " + id + " skipped", StringComparison.Ordinal));
        }
        finally
        {
            _server.Services.GetRequiredService<IOptions<MandateServerOptions>>().Value.Push.AllowedEndpoints.Add("https://fcm.googleapis.com/");
        }
    }
}
