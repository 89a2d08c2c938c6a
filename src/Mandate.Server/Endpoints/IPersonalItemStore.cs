namespace Mandate.Server.Endpoints;

/// <summary>A person's items of one kind (<see cref="IPersonalItem"/>), as the device API lists and removes them.</summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
internal interface IPersonalItemStore<TItem>
    where TItem : IPersonalItem
{
    /// <summary>The person's items, oldest first.</summary>
    Task<IReadOnlyList<TItem>> ListAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Removes the person's item <paramref name="id"/>; false when they have none with that id.</summary>
    Task<bool> DeleteAsync(string subject, string id, CancellationToken cancellationToken);
}
