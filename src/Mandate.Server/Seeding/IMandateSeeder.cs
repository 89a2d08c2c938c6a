namespace Mandate.Server.Seeding;

/// <summary>
/// Writes seed documents into the server's database: scopes, users and clients are created, or updated when they exist
/// (docs/server.md, "Seeding"). What an <see cref="IMandateSeedContributor"/> is handed at start-up.
/// </summary>
public interface IMandateSeeder
{
    /// <summary>
    /// Creates or updates every scope, user and client of <paramref name="seed"/>, in that order, in one transaction.
    /// Importing the same document again changes nothing (a user's unchanged password keeps its hash and the user's
    /// device sessions).
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry is invalid; the message says which and what to fix, and
    /// nothing of the document is written.</exception>
    Task ImportAsync(SeedDocument seed, CancellationToken cancellationToken);

    /// <summary>Whether any client is registered (a first start has none).</summary>
    Task<bool> HasClientsAsync(CancellationToken cancellationToken);
}
