using Mandate.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Data;

/// <summary>
/// Fails start-up when <c>ConnectionStrings:Mandate</c> and <c>Mandate:DatabaseProvider</c> do not name a usable
/// database, with a message that says how to fix them (never the connection string itself).
/// </summary>
internal sealed class MandateDatabaseValidator(IConfiguration? configuration = null) : IValidateOptions<MandateServerOptions>
{
    public ValidateOptionsResult Validate(string? name, MandateServerOptions options) =>
        MandateDatabase.TryResolve(ConnectionString(options, configuration), options.DatabaseProvider, options.DataDirectory, options.DatabaseMaxPoolSize, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);

    /// <summary><c>ConnectionStrings:Mandate</c> when set, else <c>Mandate:ConnectionString</c>.</summary>
    public static string? ConnectionString(MandateServerOptions options, IConfiguration? configuration) =>
        configuration?.GetConnectionString(MandateDatabase.ConnectionStringName) is { Length: > 0 } named ? named : options.ConnectionString;
}
