using Mandate.Server.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Which read failures are the client's, and what they are answered with (no web server).</summary>
public sealed class MalformedRequestTests
{
    [Theory]
    [InlineData(413)]
    [InlineData(400)]
    [InlineData(431)]
    public void StatusFor_ABadHttpRequest_IsItsOwnStatus(int status) =>
        Assert.Equal(status, MalformedRequest.StatusFor(new BadHttpRequestException("bad", status)));

    [Fact]
    public void StatusFor_AFormTheReaderCannotRead_Is400() =>
        Assert.Equal(400, MalformedRequest.StatusFor(new InvalidDataException("Form value count limit 1024 exceeded.")));

    [Fact]
    public void StatusFor_AnyOtherException_IsNull_SoItStaysA500()
    {
        Assert.Null(MalformedRequest.StatusFor(new InvalidOperationException("a bug")));
        Assert.Null(MalformedRequest.StatusFor(new IOException("disk")));
        Assert.Null(MalformedRequest.StatusFor(new BadHttpRequestException("server side", 500)));
    }

    [Theory]
    [InlineData("POST", "application/x-www-form-urlencoded", true)]
    [InlineData("POST", "APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8", true)]
    [InlineData("POST", "application/x-www-form-urlencodedx", true)]
    [InlineData("GET", "application/x-www-form-urlencoded", false)]
    [InlineData("POST", "multipart/form-data; boundary=x", false)]
    [InlineData("POST", "application/json", false)]
    [InlineData("POST", null, false)]
    public void IsFormPost_IsAPostWhoseContentTypeStartsWithTheFormType(string method, string? contentType, bool expected) =>
        Assert.Equal(expected, MalformedRequest.IsFormPost(method, contentType));

    [Theory]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("application/x-www-form-urlencoded; charset=foo", true)]
    [InlineData("application/x-www-form-urlencodedx", false)]
    [InlineData("application/x-www-form-urlencoded; charset=\"", false)]
    [InlineData("application/x-www-form-urlencoded;;;", false)]
    public void IsFormContentType_ParsesAndNamesExactlyTheFormType(string contentType, bool expected) =>
        Assert.Equal(expected, MalformedRequest.IsFormContentType(contentType));

    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/json; charset=UTF-16", true)]
    [InlineData("application/json; charset=\"", true)]
    [InlineData("application/json; charset=foo", false)]
    [InlineData("application/json; charset=x-unknown-8", false)]
    public void HasDecodableCharset_IsFalseOnlyForACharsetDotNetDoesNotKnow(string? contentType, bool expected) =>
        Assert.Equal(expected, MalformedRequest.HasDecodableCharset(contentType));

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public void OAuthError_IsInvalidRequestWithTheStatus_AndAPrintableDescription(int status)
    {
        var error = MalformedRequest.OAuthError(status);

        Assert.Equal("invalid_request", error.Code);
        Assert.Equal(status, error.StatusCode);
        Assert.All(error.Description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\'));
    }
}
