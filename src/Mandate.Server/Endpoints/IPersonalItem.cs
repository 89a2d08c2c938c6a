namespace Mandate.Server.Endpoints;

/// <summary>Something a person registered on the device API and may list and remove: a passkey, a push device.</summary>
internal interface IPersonalItem
{
    /// <summary>The item's id in the API.</summary>
    string Id { get; }

    /// <summary>What the person sees it as.</summary>
    string Label { get; }

    /// <summary>When it was registered.</summary>
    DateTimeOffset CreatedAt { get; }

    /// <summary>When it was last used, if ever.</summary>
    DateTimeOffset? LastUsedAt { get; }
}
