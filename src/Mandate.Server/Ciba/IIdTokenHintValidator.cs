namespace Mandate.Server.Ciba;

/// <summary>Validates an <c>id_token_hint</c> (CIBA §7.1, §14) and returns its subject, or null when it is not acceptable.</summary>
internal interface IIdTokenHintValidator
{
    /// <summary>Checks that this server issued the ID Token to <paramref name="clientId"/> and returns its <c>sub</c>.</summary>
    Task<string?> ValidateAsync(string idTokenHint, string clientId, CancellationToken cancellationToken);
}
