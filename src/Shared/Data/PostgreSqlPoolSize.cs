using Npgsql;

namespace Mandate.Data;

/// <summary>
/// Bounds how many PostgreSQL connections one instance opens: the Npgsql connection string gets
/// <c>Maximum Pool Size</c> from the application's pool setting (<c>Mandate:DatabaseMaxPoolSize</c> for the server,
/// <c>ShoeStore:DatabaseMaxPoolSize</c> for the store) unless it sets one itself (an explicit value in the
/// connection string wins). When every pooled connection is in use, Npgsql makes the next request wait for one (up to the
/// connection string's <c>Timeout</c>, 15 s by default) instead of opening another, so N instances together stay under
/// the server's <c>max_connections</c> (docs/deploy.md, "Sizing the connection pools").
/// </summary>
internal static class PostgreSqlPoolSize
{
    /// <summary>The pool size when neither the setting nor the connection string gives one (Npgsql's own default is 100).</summary>
    public const int Default = 20;

    /// <summary>Npgsql's canonical keyword; <c>MaxPoolSize</c> and any casing of either parse to it.</summary>
    private const string MaximumKeyword = "Maximum Pool Size";

    /// <summary>
    /// The connection string to use: <paramref name="connectionString"/> with <c>Maximum Pool Size</c> set to
    /// <paramref name="maxPoolSize"/>, or unchanged in meaning when it already sets <c>Maximum Pool Size</c>.
    /// </summary>
    /// <param name="connectionString">A valid Npgsql connection string.</param>
    /// <param name="maxPoolSize">The configured pool size, positive.</param>
    public static string Apply(string connectionString, int maxPoolSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoolSize);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsMaximum(builder))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Why <paramref name="maxPoolSize"/> and the pool bounds of <paramref name="connectionString"/> cannot work, or null:
    /// a pool size that is not positive, or a <c>Minimum Pool Size</c> above the maximum (every connection would fail).
    /// The message names the settings to fix and never repeats the connection string.
    /// </summary>
    /// <param name="connectionString">The Npgsql connection string as configured (before <see cref="Apply"/>).</param>
    /// <param name="maxPoolSize">The configured pool size.</param>
    /// <param name="connectionSetting">The connection string's setting name, for the message.</param>
    /// <param name="poolSetting">The pool size's setting name, for the message.</param>
    public static string? Check(string connectionString, int maxPoolSize, string connectionSetting, string poolSetting)
    {
        if (maxPoolSize <= 0)
        {
            return $"{poolSetting} must be a positive number of connections (default {Default}).";
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var ownMaximum = SetsMaximum(builder);
        var maximum = ownMaximum ? builder.MaxPoolSize : maxPoolSize;
        return builder.MinPoolSize <= maximum
            ? null
            : $"{connectionSetting} sets Minimum Pool Size to {builder.MinPoolSize}, above the pool's maximum of {maximum} " +
                $"({(ownMaximum ? "its own Maximum Pool Size" : poolSetting)}); lower the minimum or raise the maximum.";
    }

    // The builder lists only the keywords the string set, under their canonical names.
    private static bool SetsMaximum(NpgsqlConnectionStringBuilder builder) =>
        builder.Keys.Any(key => string.Equals(key, MaximumKeyword, StringComparison.OrdinalIgnoreCase));
}
