using Microsoft.AspNetCore.Http;
using ShoeStore.Api.Problems;

namespace ShoeStore.Api.Tests.Problems;

/// <summary>Which read failures are the client's (a 4xx problem) and which stay a 500 (no web server).</summary>
public sealed class MalformedRequestTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public void StatusFor_ABadHttpRequest_IsItsOwnStatus(int status) =>
        Assert.Equal(status, MalformedRequest.StatusFor(new BadHttpRequestException("Bad chunk size data.", status)));

    [Fact]
    public void StatusFor_AFormTheReaderCannotRead_Is400() =>
        Assert.Equal(400, MalformedRequest.StatusFor(new InvalidDataException("Form key length limit 2048 exceeded.")));

    [Fact]
    public void StatusFor_AnyOtherException_IsNull_SoItStaysA500()
    {
        Assert.Null(MalformedRequest.StatusFor(new InvalidOperationException("a bug")));
        Assert.Null(MalformedRequest.StatusFor(new BadHttpRequestException("server side", 500)));
    }
}
