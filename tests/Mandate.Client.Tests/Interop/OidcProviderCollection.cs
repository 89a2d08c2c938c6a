namespace Mandate.Client.Tests.Interop;

/// <summary>The interop tests share one oidc-provider process.</summary>
[CollectionDefinition(Name)]
public sealed class OidcProviderCollection : ICollectionFixture<OidcProviderFixture>
{
    public const string Name = "oidc-provider";
}
