using System.Text.Json;
using Mandate.Server.AuthorizationDetails;
using Mandate.Server.Seeding;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The seeding API (docs/server.md, "Seeding"): the scopes, users and clients written at start-up, and the RFC 9396
/// <c>authorization_details</c> types the server accepts. Call after or before <c>AddMandateServer</c>.
/// </summary>
public static class MandateSeedingServiceCollectionExtensions
{
    /// <summary>Imports <paramref name="seed"/> on every start (create or update; idempotent).</summary>
    public static IServiceCollection AddMandateSeed(this IServiceCollection services, SeedDocument seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        services.AddSingleton<IMandateSeedContributor>(new DocumentSeedContributor(seed));
        return services;
    }

    /// <summary>
    /// Runs <typeparamref name="TContributor"/> on every start (resolved from the start-up scope, so it may depend on
    /// scoped services), after the seeds registered before it. Registering the same type twice runs it once.
    /// </summary>
    public static IServiceCollection AddMandateSeed<TContributor>(this IServiceCollection services)
        where TContributor : class, IMandateSeedContributor
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IMandateSeedContributor, TContributor>());
        return services;
    }

    /// <summary>
    /// Accepts the <c>authorization_details</c> type <paramref name="type"/>; <paramref name="validate"/> checks each
    /// entry of that type and returns null when it is valid, else the error description.
    /// </summary>
    public static IServiceCollection AddMandateAuthorizationDetailsType(
        this IServiceCollection services, string type, Func<JsonElement, string?> validate)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(validate);
        services.AddSingleton<IAuthorizationDetailsType>(new DelegateAuthorizationDetailsType(type, validate));
        return services;
    }

    /// <summary>Accepts the <c>authorization_details</c> type <paramref name="type"/> describes.</summary>
    public static IServiceCollection AddMandateAuthorizationDetailsType(this IServiceCollection services, IAuthorizationDetailsType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        services.AddSingleton(type);
        return services;
    }

    /// <summary>
    /// Bounds requests for the scope <paramref name="bound"/> names: one that carries no <c>authorization_details</c> is
    /// given <see cref="ISpendingBound.Create"/>'s entry for the person's spending limit (<c>Mandate:Spending</c>). The
    /// entry's type must be registered with <see cref="AddMandateAuthorizationDetailsType(IServiceCollection, IAuthorizationDetailsType)"/>.
    /// </summary>
    public static IServiceCollection AddMandateSpendingBound(this IServiceCollection services, ISpendingBound bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        services.AddSingleton(bound);
        return services;
    }
}
