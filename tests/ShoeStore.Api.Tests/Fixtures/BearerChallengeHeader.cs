using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>Parses a <c>WWW-Authenticate: Bearer …</c> challenge into its attributes, keeping repeats.</summary>
public sealed partial class BearerChallengeHeader
{
    private BearerChallengeHeader(string raw, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        Raw = raw;
        Attributes = attributes;
    }

    public string Raw { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; }

    public string? this[string name] => Attributes.FirstOrDefault(a => a.Key == name).Value;

    public static BearerChallengeHeader From(HttpResponseMessage response)
    {
        var values = response.Headers.WwwAuthenticate.ToList();
        Assert.Single(values);
        return Parse(values[0]);
    }

    public static BearerChallengeHeader Parse(AuthenticationHeaderValue header)
    {
        Assert.Equal("Bearer", header.Scheme);
        var raw = header.Parameter ?? "";
        var attributes = Attribute().Matches(raw)
            .Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, m.Groups["value"].Value))
            .ToList();
        return new BearerChallengeHeader(raw, attributes);
    }

    [GeneratedRegex("(?<name>[a-z_]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
