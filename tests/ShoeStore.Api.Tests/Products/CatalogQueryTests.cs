using ShoeStore.Api.Products;

namespace ShoeStore.Api.Tests.Products;

public sealed class CatalogQueryTests
{
    [Fact]
    public void Parse_SplitsTermsAndReadsHalfSizes()
    {
        var query = CatalogQuery.Parse("  nike   pegasus ", "10.5", out var errors);

        Assert.Empty(errors);
        Assert.Equal(["nike", "pegasus"], query!.Terms);
        Assert.Equal(10.5m, query.Size);
    }

    [Theory]
    [InlineData(null, "abc", "size")]
    [InlineData(null, "10,5", "size")]
    [InlineData(null, "0", "size")]
    [InlineData("a b c d e f g h i", null, "query")]
    public void Parse_BadValue_NamesTheField(string? query, string? size, string field)
    {
        Assert.Null(CatalogQuery.Parse(query, size, out var errors));
        Assert.True(errors.ContainsKey(field));
    }

    [Theory]
    [InlineData("50%", @"%50\%%")]
    [InlineData("a_b", @"%a\_b%")]
    [InlineData(@"c:\x", @"%c:\\x%")]
    public void ContainsPattern_EscapesLikeWildcards(string term, string pattern)
    {
        Assert.Equal(pattern, CatalogQuery.ContainsPattern(term));
    }
}
