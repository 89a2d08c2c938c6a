namespace ShoeStore.Api.Orders;

/// <summary>Order log messages: ids and product data only, never personal data, tokens or card data.</summary>
internal static partial class OrderLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Order {OrderId} placed by agent {Agent}: {Quantity} x {ProductId}")]
    public static partial void OrderPlaced(ILogger logger, string orderId, string agent, int quantity, string productId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Idempotent retry answered with the first result")]
    public static partial void IdempotentReplay(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Order refused: the approval was already used for an order (agent {Agent})")]
    public static partial void ApprovalAlreadyUsed(ILogger logger, string agent);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Order refused: it does not match the approval (agent {Agent})")]
    public static partial void ApprovalMismatch(ILogger logger, string agent);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Order refused: {ProductId} size {Size} sold out")]
    public static partial void SoldOut(ILogger logger, string productId, decimal size);
}
