namespace Mandate.Server.Seeding;

/// <summary>
/// Seeds the server at start-up (docs/server.md, "Seeding"). Every contributor registered with
/// <c>AddMandateSeed</c> runs on each start, in registration order, after the migrations and the <c>--seed FILE</c>
/// import, while the instance holds the start-up lock (instances sharing a database seed one at a time). An exception
/// stops the start.
/// </summary>
public interface IMandateSeedContributor
{
    /// <summary>Writes this contributor's scopes, users and clients through <paramref name="seeder"/>.</summary>
    Task SeedAsync(IMandateSeeder seeder, CancellationToken cancellationToken);
}
