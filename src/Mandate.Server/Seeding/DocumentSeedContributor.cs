namespace Mandate.Server.Seeding;

/// <summary>Imports one fixed <see cref="SeedDocument"/> on every start (<c>AddMandateSeed(SeedDocument)</c>).</summary>
internal sealed class DocumentSeedContributor(SeedDocument seed) : IMandateSeedContributor
{
    /// <inheritdoc />
    public Task SeedAsync(IMandateSeeder seeder, CancellationToken cancellationToken) => seeder.ImportAsync(seed, cancellationToken);
}
