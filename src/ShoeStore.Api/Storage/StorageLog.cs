namespace ShoeStore.Api.Storage;

/// <summary>Storage log messages: the provider and counts only, never a connection string.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Store database ready on {Provider}")]
    public static partial void Ready(ILogger logger, StoreDatabaseProvider provider);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Seeded the catalog: {Products} products, {Deals} deals, {Customers} customers")]
    public static partial void Seeded(ILogger logger, int products, int deals, int customers);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Another instance seeded the catalog first; using its data")]
    public static partial void SeededElsewhere(ILogger logger);
}
