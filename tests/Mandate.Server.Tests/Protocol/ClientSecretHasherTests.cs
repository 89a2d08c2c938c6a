using Mandate.Server.Ciba;
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

    [Fact]
    public void AuthReqId_Has256BitsInTheAllowedAlphabetAndIsStoredOnlyAsHash()
    {
        var id = AuthReqId.Generate();
        Assert.Equal(43, id.Length);
        Assert.True(AuthReqId.IsWellFormed(id));
        Assert.NotEqual(id, AuthReqId.Hash(id));
        Assert.NotEqual(id, AuthReqId.Generate());
        Assert.False(AuthReqId.IsWellFormed("has space"));
    }
}
