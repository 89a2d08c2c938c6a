using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Endpoints;

/// <summary>The device API's list and remove calls for a person's items of one kind (passkeys, push devices).</summary>
internal static class PersonalItemEndpoints
{
    /// <summary>
    /// Maps <c>GET {path}</c>: the signed-in person's items as <c>{ id, label, created_at, last_used_at }</c>; and
    /// <c>DELETE {path}/{id}</c>: 204, or 404 with <paramref name="notFound"/> (RFC 9457) when they have no such item.
    /// Both are 401 without a session.
    /// </summary>
    public static void Map<TStore, TItem>(RouteGroupBuilder api, string path, string notFound)
        where TStore : IPersonalItemStore<TItem>
        where TItem : IPersonalItem
    {
        api.MapGet(path, async (HttpContext http, TStore store) =>
            await DeviceApiEndpoints.SubjectAsync(http) is { } subject
                ? Results.Json((await store.ListAsync(subject, http.RequestAborted)).Select(item => new Dictionary<string, object?>
                {
                    ["id"] = item.Id,
                    ["label"] = item.Label,
                    ["created_at"] = item.CreatedAt,
                    ["last_used_at"] = item.LastUsedAt,
                }))
                : DeviceApiEndpoints.Unauthorized());
        api.MapDelete(path + "/{id}", async (HttpContext http, string id, TStore store) =>
            await DeviceApiEndpoints.SubjectAsync(http) is not { } subject ? DeviceApiEndpoints.Unauthorized()
            : await store.DeleteAsync(subject, id, http.RequestAborted) ? Results.NoContent()
            : DeviceApiEndpoints.Problem(404, notFound));
    }
}
