namespace ShoeStore.Agent.Tools;

/// <summary>Product names seen in the store's answers, by product id: binding messages name shoes, not ids.</summary>
internal sealed class CatalogMemory
{
    private const int Capacity = 500;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public void Remember(string productId, string name)
    {
        lock (_gate)
        {
            if (_names.Count >= Capacity && !_names.ContainsKey(productId))
            {
                _names.Clear();
            }

            _names[productId] = name;
        }
    }

    public string? NameOf(string? productId)
    {
        if (productId is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _names.GetValueOrDefault(productId);
        }
    }
}
