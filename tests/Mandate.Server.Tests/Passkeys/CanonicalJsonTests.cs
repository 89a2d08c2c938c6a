using Mandate.Server.Passkeys;

namespace Mandate.Server.Tests.Passkeys;

/// <summary>The canonical JSON form the approval challenge covers.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Members_AreSortedAtEveryLevel_WithoutWhitespace() =>
        Assert.Equal("""[{"a":{"x":1,"y":[2,{"m":true,"n":null}]},"b":"t"}]""",
            CanonicalJson.CanonicalizeToString("""[ { "b" : "t", "a" : { "y" : [ 2, { "n": null, "m": true } ], "x": 1 } } ]"""));

    [Fact]
    public void MemberOrder_IsByUtf16CodeUnits() =>
        // RFC 8785 §3.2.3: "B" (0x42) < "a" (0x61) < "é" (0xE9).
        Assert.Equal("""{"B":1,"a":2,"é":3}""", CanonicalJson.CanonicalizeToString("""{"é":3,"a":2,"B":1}"""));

    [Fact]
    public void Strings_KeepTheirText_WhateverTheEscapingUsed() =>
        Assert.Equal(CanonicalJson.CanonicalizeToString("""{"n":"Pegasus 41 — $140"}"""),
            CanonicalJson.CanonicalizeToString("""{"n":"Pegasus 41 \u2014 \u0024140"}"""));

    [Fact]
    public void Numbers_KeepTheTextTheyWereWrittenWith() =>
        Assert.NotEqual(CanonicalJson.CanonicalizeToString("""{"size":10.5}"""), CanonicalJson.CanonicalizeToString("""{"size":10.50}"""));

    [Fact]
    public void NotJson_Throws() => Assert.ThrowsAny<JsonException>(() => CanonicalJson.Canonicalize("{"));
}
