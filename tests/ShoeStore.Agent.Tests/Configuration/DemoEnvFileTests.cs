using ShoeStore.Agent.Configuration;

namespace ShoeStore.Agent.Tests.Configuration;

public sealed class DemoEnvFileTests
{
    [Fact]
    public void Parse_KeyValueLines_WithQuotesCommentsAndExport()
    {
        var values = DemoEnvFile.Parse("""
            # written by the demo seed
            PINGONE_TOKEN_ENDPOINT=http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha/access_token
            PINGONE_CIBA_JWK='{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}'
            export STORE_API_URL="http://127.0.0.1:5200"
            Agent__LoginHint=app.owner

            not a line
            1BAD=x
            """.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha/access_token", values["PINGONE_TOKEN_ENDPOINT"]);
        Assert.Equal("""{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}""", values["PINGONE_CIBA_JWK"]);
        Assert.Equal("http://127.0.0.1:5200", values["STORE_API_URL"]);
        Assert.Equal("app.owner", values["Agent:LoginHint"]);
        Assert.Equal(4, values.Count);
    }

    [Fact]
    public void Parse_DoubleQuotedValue_UnescapesQuotesAndBackslashes()
    {
        Assert.Equal("a \"b\" \\ c", DemoEnvFile.Parse("""K="a \"b\" \\ c" """)["K"]);
    }

    [Fact]
    public void ReadIfExists_NoFile_GivesNothing()
    {
        Assert.Empty(DemoEnvFile.ReadIfExists(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "demo.env")));
    }
}
