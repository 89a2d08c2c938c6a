using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Security;

/// <summary>
/// JwtBearer as an RFC 9068 resource server: keys from the authorization server's discovery and JWKS only,
/// exact issuer, this API as audience, <c>typ</c> at+jwt, asymmetric algorithms, 30 s leeway, required claims,
/// and RFC 6750 challenges.
/// </summary>
internal sealed class JwtBearerConfigurator(IOptions<ShoeStoreOptions> storeOptions, TimeProvider time, ILoggerFactory loggerFactory)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>Leeway for <c>exp</c> and <c>nbf</c> (RFC 9068 §4: a few minutes at most).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggerFactory.CreateLogger("ShoeStore.Api.Security.AccessTokens");

    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var store = storeOptions.Value;
        var issuer = store.Authority;
        var authority = new Uri(issuer);
        options.Authority = issuer;
        options.MetadataAddress = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        options.RequireHttpsMetadata = store.RequireHttpsMetadata ?? !(authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback);
        options.Audience = store.Audience;
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
        options.TimeProvider = time;

        var parameters = options.TokenValidationParameters;
        parameters.ValidateIssuer = true;
        parameters.IssuerValidator = (tokenIssuer, _, _) => ValidateIssuer(tokenIssuer, issuer, configuration: null);
        parameters.IssuerValidatorUsingConfiguration = (tokenIssuer, _, _, configuration) => ValidateIssuer(tokenIssuer, issuer, configuration);
        parameters.ValidateAudience = true;
        parameters.RequireAudience = true;
        // Both audiences this host serves pass the handler; ReadClaims then holds each request to its own one.
        var mcp = new Mcp.McpResource(store.McpResource);
        parameters.ValidAudience = null;
        parameters.ValidAudiences = [store.Audience, mcp.Identifier];
        parameters.IgnoreTrailingSlashWhenValidatingAudience = false;
        parameters.ValidTypes = null;
        parameters.TypeValidator = ValidateType;
        parameters.ValidAlgorithms = AccessTokenRules.AllowedAlgorithms;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.IssuerSigningKeyValidatorUsingConfiguration = ValidateSigningKey;
        parameters.TryAllIssuerSigningKeys = false;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = ClockSkew;
        parameters.LifetimeValidator = (notBefore, expires, _, _) =>
        {
            AccessTokenRules.ValidateLifetime(notBefore, expires, time.GetUtcNow(), ClockSkew);
            return true;
        };
        parameters.NameClaimType = "sub";

        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = ReadBearerToken,
            OnTokenValidated = context => ReadClaims(context, context.Request.Path.StartsWithSegments(mcp.Path) ? mcp.Identifier : store.Audience),
            OnAuthenticationFailed = context =>
            {
                SecurityLog.AccessTokenRefused(_logger, context.Exception.GetType().Name);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                if (context.AuthenticateFailure is null)
                {
                    await BearerResponses.NoTokenAsync(context.HttpContext);
                }
                else
                {
                    await BearerResponses.InvalidTokenAsync(context.HttpContext, InvalidTokenDescriptions.For(context.AuthenticateFailure));
                }
            },
        };
    }

    private static Task ReadBearerToken(MessageReceivedContext context)
    {
        // RFC 6750 §2.1 only: "Bearer" (any case), one space, the token. No query or form token is ever read.
        string? authorization = context.Request.Headers.Authorization;
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            context.NoResult();
            return Task.CompletedTask;
        }

        var token = authorization[scheme.Length..].Trim();
        if (token.Length == 0)
        {
            context.NoResult();
            return Task.CompletedTask;
        }

        if (AccessTokenSyntax.Problem(token) is { } problem)
        {
            context.Fail(new AccessTokenRejectedException(problem));
            return Task.CompletedTask;
        }

        context.Token = token;
        return Task.CompletedTask;
    }

    private static Task ReadClaims(TokenValidatedContext context, string requestAudience)
    {
        if (context.SecurityToken is not JsonWebToken jwt)
        {
            context.Fail(new AccessTokenRejectedException("The access token is malformed"));
            return Task.CompletedTask;
        }

        if (!AccessTokenRules.IsForAudience(jwt.Audiences, requestAudience))
        {
            context.Fail(new SecurityTokenInvalidAudienceException("The access token is for another audience."));
            return Task.CompletedTask;
        }

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedHeader));
        if (AccessTokenRules.HeaderProblem(header.RootElement) is { } headerProblem)
        {
            context.Fail(new AccessTokenRejectedException(headerProblem));
            return Task.CompletedTask;
        }

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload));
        var claims = AccessTokenClaimsReader.Read(payload.RootElement, out var problem);
        if (claims is null)
        {
            context.Fail(new AccessTokenRejectedException(problem!));
            return Task.CompletedTask;
        }

        context.HttpContext.Features.Set(claims);
        return Task.CompletedTask;
    }

    private string ValidateIssuer(string tokenIssuer, string configuredIssuer, BaseConfiguration? configuration)
    {
        // RFC 9068 §4: exact match — no trailing-slash or case tolerance.
        if (!string.Equals(tokenIssuer, configuredIssuer, StringComparison.Ordinal))
        {
            throw new SecurityTokenInvalidIssuerException("The access token issuer is not the trusted authorization server.");
        }

        if (configuration?.Issuer is { } metadataIssuer && !string.Equals(metadataIssuer, configuredIssuer, StringComparison.Ordinal))
        {
            SecurityLog.MetadataIssuerMismatch(_logger, metadataIssuer, configuredIssuer);
            throw new SecurityTokenInvalidIssuerException("The authorization server metadata names another issuer.");
        }

        return tokenIssuer;
    }

    private static string ValidateType(string? type, SecurityToken token, TokenValidationParameters parameters) =>
        AccessTokenRules.IsAccessTokenType(type)
            ? type!
            : throw new SecurityTokenInvalidTypeException("The token is not an access token.");

    private static bool ValidateSigningKey(SecurityKey key, SecurityToken token, TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        if (token is not JsonWebToken jwt || key is SymmetricSecurityKey)
        {
            return false;
        }

        var published = (configuration as OpenIdConnectConfiguration)?.JsonWebKeySet?.Keys
            .FirstOrDefault(k => k.KeyId is not null && string.Equals(k.KeyId, key.KeyId, StringComparison.Ordinal));
        return AccessTokenRules.KeyFitsAlgorithm(jwt.Alg, key, string.IsNullOrEmpty(published?.Alg) ? null : published.Alg);
    }
}
