namespace ShoeStore.Api.Storage.Seed;

/// <summary>Demo deals, placed in time around the moment the database is first created.</summary>
internal static class DealSeed
{
    public static IReadOnlyList<Deal> Deals(DateTimeOffset now) =>
    [
        Deal("pegasus-week", "nike-pegasus-41", "Pegasus week", 10, now.AddDays(-2), now.AddDays(14)),
        Deal("ghost-spring", "brooks-ghost-16", "Spring running sale", 20, now.AddDays(-1), now.AddDays(7)),
        Deal("speedgoat-trail", "hoka-speedgoat-6", "Trail season", 15, now.AddDays(-3), now.AddDays(10)),
        Deal("samba-classic", "adidas-samba-og", "Terrace classics", 10, now, now.AddDays(30)),
        Deal("back-to-school", "converse-chuck-taylor-kids", "Back to school", 25, now.AddDays(-5), now.AddDays(20)),
        Deal("formal-event", "allen-edmonds-park-avenue", "Wedding season", 25, now.AddDays(-1), now.AddDays(5)),
        Deal("moab-weekend", "merrell-moab-3", "Weekend hikers", 15, now.AddDays(-1), now.AddDays(3)),
        // Past and future deals: stored, never applied or listed outside their window.
        Deal("nimbus-clearance", "asics-gel-nimbus-26", "Clearance", 30, now.AddDays(-30), now.AddDays(-2)),
        Deal("speedcross-preview", "salomon-speedcross-6", "Members preview", 20, now.AddDays(3), now.AddDays(10)),
    ];

    private static Deal Deal(string id, string productId, string title, int percentOff, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        new() { Id = id, ProductId = productId, Title = title, PercentOff = percentOff, StartsAt = startsAt, EndsAt = endsAt };
}
