using Microsoft.AspNetCore.Authorization;

namespace ShoeStore.Api.Security;

/// <summary>Carries a <see cref="StoreAccessRule"/> into ASP.NET Core authorization.</summary>
internal sealed class StoreAccessRequirement(StoreAccessRule rule) : IAuthorizationRequirement
{
    public StoreAccessRule Rule { get; } = rule;
}
