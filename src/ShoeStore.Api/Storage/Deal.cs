namespace ShoeStore.Api.Storage;

/// <summary>A time-bounded discount on one product, active from <see cref="StartsAt"/> (inclusive) to <see cref="EndsAt"/> (exclusive).</summary>
internal sealed class Deal
{
    public required string Id { get; init; }

    public required string ProductId { get; init; }

    public required string Title { get; set; }

    /// <summary>Percent off the list price, 1–90.</summary>
    public int PercentOff { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Whether the deal applies at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;
}
