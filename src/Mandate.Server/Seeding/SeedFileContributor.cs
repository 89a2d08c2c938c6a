using System.Text.Json;
using Mandate.Server.Configuration;
using Mandate.Server.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Seeding;

/// <summary>
/// Imports <see cref="MandateServerOptions.SeedFile"/> (<c>--seed FILE</c>, docs/server.md "Seed file") on every start,
/// the first seed applied. A missing, empty or invalid file stops the start.
/// </summary>
internal sealed class SeedFileContributor(MandateServerOptions options, ILogger logger) : IMandateSeedContributor
{
    /// <inheritdoc />
    public async Task SeedAsync(IMandateSeeder seeder, CancellationToken cancellationToken)
    {
        if (options.SeedFile is not { Length: > 0 } file)
        {
            return;
        }

        if (!File.Exists(file))
        {
            throw new InvalidOperationException("The seed file '" + file + "' does not exist (--seed FILE).");
        }

        SeedDocument? seed;
        try
        {
            seed = JsonSerializer.Deserialize<SeedDocument>(await File.ReadAllTextAsync(file, cancellationToken), SeedDocument.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException("The seed file '" + file + "' is not valid seed JSON: " + e.Message, e);
        }

        if (seed is null)
        {
            throw new InvalidOperationException("The seed file '" + file + "' is empty.");
        }

        await seeder.ImportAsync(seed, cancellationToken);
        Log.SeedLoaded(logger, file, seed.Clients.Count, seed.Users.Count, seed.Scopes.Count);
    }
}
