using Mandate.Server.Passkeys;

namespace Mandate.Server.Tests.Passkeys;

/// <summary>The approval challenge: SHA-256 over the server nonce and the request's canonical bytes (id, binding
/// message, canonical authorization_details).</summary>
public sealed class TransactionChallengeTests
{
    private const string Details = """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""";

    private static readonly byte[] Nonce = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static byte[] Challenge(string id = "req-1", string? message = "Buy Nike Pegasus 41 for $140", string? details = Details, byte[]? nonce = null) =>
        TransactionChallenge.Derive(nonce ?? Nonce, id, message, details);

    [Fact]
    public void SameInputs_SameChallenge_Of32Bytes()
    {
        Assert.Equal(Challenge(), Challenge());
        Assert.Equal(32, Challenge().Length);
    }

    [Fact]
    public void AnotherRequestId_ChangesTheChallenge() => Assert.NotEqual(Challenge(), Challenge(id: "req-2"));

    [Fact]
    public void AnotherBindingMessage_ChangesTheChallenge()
    {
        Assert.NotEqual(Challenge(), Challenge(message: "Buy Nike Pegasus 41 for $141"));
        Assert.NotEqual(Challenge(message: null), Challenge(message: ""));
    }

    [Fact]
    public void AnyChangedDetail_ChangesTheChallenge()
    {
        Assert.NotEqual(Challenge(), Challenge(details: Details.Replace("\"quantity\":1", "\"quantity\":10", StringComparison.Ordinal)));
        Assert.NotEqual(Challenge(), Challenge(details: Details.Replace("140.00", "3187.50", StringComparison.Ordinal)));
        Assert.NotEqual(Challenge(), Challenge(details: null));
    }

    [Fact]
    public void AnotherNonce_ChangesTheChallenge() => Assert.NotEqual(Challenge(), Challenge(nonce: TransactionChallenge.NewNonce()));

    [Fact]
    public void DetailsInAnotherMemberOrderOrLayout_GiveTheSameChallenge()
    {
        const string reordered = """
            [ { "max_amount": { "value": "140.00", "currency": "USD" },
                "quantity": 1, "size": 10.5, "product_id": "nike-pegasus-41", "type": "shoe_purchase" } ]
            """;
        Assert.Equal(Challenge(), Challenge(details: reordered));
    }

    [Fact]
    public void FieldBoundaries_AreUnambiguous() =>
        // Moving characters from the id into the message must not give the same bytes (the fields are length-prefixed).
        Assert.NotEqual(Challenge(id: "ab", message: "c"), Challenge(id: "a", message: "bc"));

    [Fact]
    public void ANonceOfTheWrongSize_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => TransactionChallenge.Derive(new byte[16], "req-1", null, null));
}
