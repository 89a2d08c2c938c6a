namespace ShoeStore.Api.Storage;

/// <summary>A shipping address. <see cref="Region"/> is the US state or Canadian province code.</summary>
internal sealed class PostalAddress
{
    public required string Line1 { get; set; }

    public string? Line2 { get; set; }

    public required string City { get; set; }

    public required string Region { get; set; }

    public required string PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public required string Country { get; set; }
}
