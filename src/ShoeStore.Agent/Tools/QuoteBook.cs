using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools;

/// <summary>
/// The quotes this agent obtained, by id: a purchase is approved for the quoted product, size, quantity and total
/// (the <c>shoe_purchase</c> authorization detail), never for figures the model makes up. Keeps the latest few.
/// </summary>
internal sealed class QuoteBook
{
    private const int Capacity = 32;
    private readonly Lock _gate = new();
    private readonly LinkedList<StoreQuote> _quotes = new();

    public void Add(StoreQuote quote)
    {
        lock (_gate)
        {
            _quotes.AddFirst(quote);
            while (_quotes.Count > Capacity)
            {
                _quotes.RemoveLast();
            }
        }
    }

    public StoreQuote? Find(string? quoteId)
    {
        if (string.IsNullOrEmpty(quoteId))
        {
            return null;
        }

        lock (_gate)
        {
            return _quotes.FirstOrDefault(q => string.Equals(q.Id, quoteId, StringComparison.Ordinal));
        }
    }
}
