using Mandate.Server.Audit;
using Mandate.Server.Authentication;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Endpoints;
using Mandate.Server.Hosting;
using Mandate.Server.Keys;
using Mandate.Server.OpenIddictHandlers;
using Mandate.Server.Ping;
using Mandate.Server.Revocation;
using Mandate.Server.Scopes;
using Mandate.Server.Seeding;
using Mandate.Server.Tokens;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Mandate.Server: OpenIddict core and server on EF Core, CIBA, the device API.</summary>
public static class MandateServerServiceCollectionExtensions
{
    /// <summary>Adds the authorization server (idempotent). Options bind to the <c>Mandate</c> configuration section.</summary>
    public static IServiceCollection AddMandateServer(this IServiceCollection services, Action<MandateServerOptions>? configure = null)
    {
        if (services.Any(d => d.ServiceType == typeof(MandateServerInitializer)))
        {
            // Already added: only apply the extra configuration.
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return services;
        }

        var optionsBuilder = services.AddOptions<MandateServerOptions>().BindConfiguration(MandateServerOptions.SectionName);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MandateServerOptions>, MandateServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        MandateDatabaseServices.AddMandateDatabase(services);

        // OpenIddict's own logs can carry request and token details at debug level: keep them to warnings.
        services.Configure<LoggerFilterOptions>(f => f.Rules.Add(new LoggerFilterRule(null, "OpenIddict", LogLevel.Warning, null)));

        // Input the server cannot read (a NUL in a form, a form over the limits) is a 4xx, not a 500.
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, MalformedInputStartupFilter>());
        AddOpenIddict(services);
        AddCiba(services);
        AddDevice(services);
        return services;
    }

    private static void AddOpenIddict(IServiceCollection services)
    {
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<MandateDbContext>();
                core.ReplaceApplicationManager(typeof(MandateApplicationManager<>));
            })
            .AddServer(server =>
            {
                // The token, introspection and userinfo endpoints are Mandate's own (TokenEndpointHandler,
                // IntrospectionHandler, UserInfoHandler); OpenIddict serves discovery and JWKS. It requires one flow to be
                // enabled: the CIBA grant, a custom grant, needs no OpenIddict token endpoint.
                server.AllowCustomFlow(MandateEndpoints.CibaGrantType);
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                server.DisableAccessTokenEncryption();
                server.DisableScopeValidation();
                server.IgnoreScopePermissions();
                server.UseAspNetCore();
                server.AddEventHandler(CibaDiscoveryHandler.Descriptor);
            });
        // OpenIddict's request handler runs only for discovery and JWKS (OpenIddictRequestGate).
        services.AddAuthentication();
        services.Replace(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Authentication.IAuthenticationHandlerProvider, OpenIddictRequestGate>());
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<MandateServerOptions>, ServerKeyRing>(ConfigureServer);
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<MandateServerOptions>>((aspnet, mandate) =>
            aspnet.DisableTransportSecurityRequirement = mandate.Value.IsDevelopmentTransport);
    }

    private static void ConfigureServer(OpenIddictServerOptions server, IOptions<MandateServerOptions> mandate, ServerKeyRing keys)
    {
        var o = mandate.Value;
        server.Issuer = new Uri(o.IssuerString, UriKind.Absolute);
        Set(server.JsonWebKeySetEndpointUris, o.EndpointPath(MandateEndpoints.JsonWebKeySet));
        Set(server.ConfigurationEndpointUris, o.EndpointPath(MandateEndpoints.Configuration));
        server.TokenEndpointUris.Clear();
        server.UserInfoEndpointUris.Clear();
        server.IntrospectionEndpointUris.Clear();
        // No authorization endpoint, so no prompt values to advertise (discovery lists only what is served).
        server.PromptValues.Clear();
        // Every published key, the one that signs first: OpenIddict signs with the first credential (its sort keeps the
        // order of keys of one type), publishes all of them in the JWKS and validates its own tokens against them.
        server.SigningCredentials.Clear();
        foreach (var key in keys.PublishedSigningKeys)
        {
            server.SigningCredentials.Add(new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256));
        }

        server.EncryptionCredentials.Clear();
        server.EncryptionCredentials.Add(new Microsoft.IdentityModel.Tokens.EncryptingCredentials(
            keys.EncryptionKey, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256KW, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private static void Set(List<Uri> uris, string path)
    {
        uris.Clear();
        uris.Add(new Uri(path, UriKind.Relative));
    }

    private static void AddCiba(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ServerKeyRing(
            new ServerKeyStore(sp.GetRequiredService<IServiceScopeFactory>()),
            sp.GetRequiredService<IOptions<MandateServerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ServerKeyRing>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<OpenIddictServerOptions>, ServerKeyRingChangeTokenSource>());
        services.AddHostedService<ServerKeyRefreshService>();
        services.TryAddSingleton<ScopeCatalog>();
        services.TryAddSingleton(sp => new JwtValidation(
            sp.GetRequiredService<IOptions<MandateServerOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ServerKeyRing>()));
        services.TryAddSingleton<PollTracker>();
        services.TryAddSingleton(typeof(SharedApplicationCache<>));
        services.TryAddSingleton<PingQueue>();
        services.TryAddSingleton<PingDataProtector>();
        services.TryAddSingleton<DeviceEventHub>();
        services.TryAddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.TryAddSingleton<MandateServerInitializer>();
        services.TryAddScoped<IJwtReplayCache, DatabaseJwtReplayCache>();
        services.TryAddSingleton<LoginHintCache>();
        services.TryAddScoped<Mandate.Server.Push.PushSubscriptionStore>();
        services.TryAddSingleton<Mandate.Server.Push.NoPushDevicesCache>();
        services.TryAddSingleton(sp => new Mandate.Server.Push.VapidKeys(
            new ServerKeyStore(sp.GetRequiredService<IServiceScopeFactory>()), sp.GetRequiredService<TimeProvider>()));
        AddPush(services);
        services.TryAddScoped<IUserDirectory, DatabaseUserDirectory>();
        services.TryAddScoped<IIdTokenHintValidator, IdTokenHintValidator>();
        services.TryAddSingleton<ClientDirectory>();
        services.TryAddSingleton<IClientRegistry>(sp => sp.GetRequiredService<ClientDirectory>());
        services.TryAddScoped<RequestObjectValidator>();
        services.TryAddScoped<BackchannelRequestValidator>();
        services.TryAddSingleton<Mandate.Server.Spending.SpendingBounds>();
        services.TryAddScoped<Mandate.Server.Spending.SpendingLimitStore>();
        services.TryAddSingleton<AuthorizationDetailsValidator>();
        services.TryAddScoped<BackchannelRequestStore>();
        services.TryAddScoped<BackchannelRequestRecorder>();
        services.TryAddSingleton<BackchannelWriteQueue>();
        services.TryAddScoped<ClientAuthenticator>();
        services.TryAddScoped<ClientRequestReader>();
        services.TryAddScoped<BackchannelAuthenticationHandler>();
        services.TryAddScoped<TokenEndpointHandler>();
        services.TryAddScoped(sp => new TokenIssuer(sp.GetRequiredService<ServerKeyRing>(), sp.GetRequiredService<JwtValidation>()));
        services.TryAddScoped<AccessTokenReader>();
        services.TryAddScoped<TokenIntrospection>();
        services.TryAddScoped<IntrospectionHandler>();
        services.TryAddScoped<IAccessTokenDenyList, DatabaseAccessTokenDenyList>();
        services.TryAddScoped<TokenRevocation>();
        services.TryAddScoped<TokenRevocationHandler>();
        services.TryAddScoped<AuditLog>();
        MandateServerStartupServices.Add(services);
        services.TryAddScoped<PingSender>();
        services.AddHostedService<PingDispatcher>();
        services.AddHttpClient(PingSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => PingHttpHandler.Create(sp.GetRequiredService<IOptions<MandateServerOptions>>().Value.IsDevelopmentTransport));
    }

    /// <summary>Web Push to the person's devices when an agent asks (docs/device.md): the queue bc-authorize hands
    /// notices to, the background service that sends them, and its HTTP client.</summary>
    private static void AddPush(IServiceCollection services)
    {
        services.TryAddSingleton<Mandate.Server.Push.PushNoticeQueue>();
        services.TryAddSingleton<Mandate.Server.Push.WebPushSender>();
        services.TryAddScoped<Mandate.Server.Push.PushNotifier>();
        services.AddHostedService<Mandate.Server.Push.PushDispatcher>();
        services.AddHttpClient(Mandate.Server.Push.WebPushSender.HttpClientName)
            .ConfigureHttpClient((sp, http) =>
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MandateServerOptions>>().Value.Push.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            // The default request logs name the URL, and a push endpoint is a capability: log nothing here (WebPushSender
            // logs each outcome by the device's id).
            .RemoveAllLoggers();
    }

    private static void AddDevice(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, DeviceApiNoStoreStartupFilter>());
        services.TryAddSingleton(sp => SignInGuard.Create(
            sp.GetRequiredService<IPasswordHasher<UserAccount>>(), sp.GetRequiredService<IOptions<MandateServerOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddScoped<DeviceSignIn>();
        services.TryAddScoped<DeviceRequestService>();
        services.AddHostedService<PostgreSqlDeviceEventRelay>();
        services.TryAddScoped<DeviceSessionStore>();
        AddPasskeys(services);
        services.AddAuthentication().AddCookie(DeviceSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = DeviceSession.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/device";
            // The server's session row decides idle and absolute expiry (DeviceSessionPolicy); the ticket is never
            // re-issued, and the cookie has no Expires (it is signed in with IsPersistent = false).
            cookie.SlidingExpiration = false;
            cookie.Events.OnValidatePrincipal = DeviceSessionValidation.ValidatePrincipalAsync;
            cookie.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
            cookie.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
        });
        services.AddOptions<CookieAuthenticationOptions>(DeviceSession.Scheme).Configure<IOptions<MandateServerOptions>>((cookie, o) =>
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(o.Value.DeviceSessionLifetimeMinutes));
    }

    private static void AddPasskeys(IServiceCollection services)
    {
        services.TryAddSingleton(sp => Mandate.Server.Passkeys.PasskeyPolicy.From(sp.GetRequiredService<IOptions<MandateServerOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<Mandate.Server.Passkeys.PasskeyPolicy>().ToFido2());
        // No metadata service: attestation is not asked for (WebAuthn Level 3 §5.4.7 "none"), so there is nothing to look up.
        services.TryAddSingleton<Fido2NetLib.IFido2>(sp => new Fido2NetLib.Fido2(sp.GetRequiredService<Fido2NetLib.Fido2Configuration>(), metadataService: null));
        services.TryAddSingleton<Mandate.Server.Passkeys.PasskeyAssertionVerifier>();
        services.TryAddSingleton<Mandate.Server.Passkeys.PasskeyPromptBudget>();
        services.TryAddScoped<Mandate.Server.Passkeys.PasskeyStore>();
        services.TryAddScoped<Mandate.Server.Passkeys.PasskeyChallengeStore>();
        services.TryAddScoped<Mandate.Server.Passkeys.PasskeyRegistration>();
        services.TryAddScoped<Mandate.Server.Passkeys.PasskeySignIn>();
        services.TryAddScoped<Mandate.Server.Passkeys.PasskeyApproval>();
    }
}
