using Mandate.Server.Clients;

namespace Mandate.Server.Tests.Protocol;

public sealed class ClientSecretHasherTests
{
    [Fact]
    public void GeneratedSecret_VerifiesAgainstItsHashAndNothingElse()
    {
        var secret = ClientSecretHasher.Generate();
        var hash = ClientSecretHasher.Hash(secret);
        Assert.True(secret.Length >= ClientSecretHasher.MinimumLength);
        Assert.DoesNotContain(secret, hash, StringComparison.Ordinal);
        Assert.True(ClientSecretHasher.Verify(hash, secret));
        Assert.False(ClientSecretHasher.Verify(hash, secret + "x"));
        Assert.False(ClientSecretHasher.Verify("AQAAAAIAAYagAAAAE-pbkdf2-hash", secret));
    }
}
