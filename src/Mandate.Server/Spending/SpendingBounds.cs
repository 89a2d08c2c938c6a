using Mandate.Server.AuthorizationDetails;

namespace Mandate.Server.Spending;

/// <summary>
/// The scopes that spend the person's money (<see cref="ISpendingBound"/> registrations), by scope. Built once; a
/// scope registered twice stops the start.
/// </summary>
internal sealed class SpendingBounds
{
    private readonly Dictionary<string, ISpendingBound> _byScope = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="bounds"/>.</summary>
    /// <exception cref="InvalidOperationException">A scope is empty or registered twice.</exception>
    public SpendingBounds(IEnumerable<ISpendingBound> bounds)
    {
        foreach (var bound in bounds)
        {
            if (string.IsNullOrEmpty(bound.Scope) || !_byScope.TryAdd(bound.Scope, bound))
            {
                throw new InvalidOperationException("A spending bound needs a scope, and one bound per scope: '" + bound.Scope + "'.");
            }
        }
    }

    /// <summary>Whether any of <paramref name="scopes"/> spends money.</summary>
    public bool AnySpends(IEnumerable<string> scopes) => _byScope.Count > 0 && scopes.Any(_byScope.ContainsKey);

    /// <summary>
    /// The <c>authorization_details</c> (a JSON array) that bound a request for <paramref name="scopes"/> carrying none:
    /// one entry per spending scope requested, each for one purchase up to <paramref name="limit"/>. Null when no
    /// requested scope spends money.
    /// </summary>
    public string? BoundFor(IEnumerable<string> scopes, SpendingLimit limit)
    {
        System.Text.Json.Nodes.JsonArray? entries = null;
        foreach (var scope in scopes)
        {
            if (_byScope.TryGetValue(scope, out var bound))
            {
                (entries ??= []).Add(bound.Create(limit.Amount, limit.Currency));
            }
        }

        return entries?.ToJsonString();
    }
}
