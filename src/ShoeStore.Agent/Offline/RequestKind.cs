namespace ShoeStore.Agent.Offline;

/// <summary>What a plain request asks for.</summary>
internal enum RequestKind
{
    Unknown,
    Help,
    Search,
    Deals,
    Quote,
    Buy,
    Orders,
}
