namespace ShoeStore.Agent.Offline;

/// <summary>A parsed request: what is asked, and the details the text gives (search words, size, pairs, which product).</summary>
/// <param name="Kind">What is asked.</param>
/// <param name="Query">Catalog search words (category, brand, model), or null.</param>
/// <param name="Size">A US size, or null.</param>
/// <param name="Quantity">How many pairs, or null.</param>
/// <param name="ProductWords">Words that may name a product already seen (model, brand), lower-case.</param>
/// <param name="Ordinal">"the second one" → 1; "the last one" → -1; null when none.</param>
/// <param name="Cheapest">"the cheapest".</param>
internal sealed record PlainRequest(
    RequestKind Kind, string? Query, decimal? Size, int? Quantity, IReadOnlyList<string> ProductWords, int? Ordinal, bool Cheapest);
