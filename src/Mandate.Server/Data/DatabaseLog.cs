using Microsoft.Extensions.Logging;

namespace Mandate.Server.Data;

/// <summary>Database log messages: the provider only, never a connection string.</summary>
internal static partial class DatabaseLog
{
    [LoggerMessage(30, LogLevel.Information, "Mandate database ready on {Provider}.")]
    public static partial void Ready(ILogger logger, MandateDatabaseProvider provider);
}
