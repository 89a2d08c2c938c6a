using Microsoft.Extensions.Options;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Fails start-up when <c>ConnectionStrings:ShoeStore</c> and <c>ShoeStore:DatabaseProvider</c> do not name a usable
/// database, with a message that says how to fix them (never the connection string itself).
/// </summary>
internal sealed class StoreDatabaseValidator(IConfiguration configuration) : IValidateOptions<ShoeStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ShoeStoreOptions options) =>
        StoreDatabase.TryResolve(
            configuration.GetConnectionString(StoreDatabase.ConnectionStringName), options.DatabaseProvider, options.DataDirectory, options.DatabaseMaxPoolSize, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
}
