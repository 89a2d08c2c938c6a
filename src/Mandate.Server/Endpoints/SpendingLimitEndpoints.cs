using System.Globalization;
using Mandate.Server.Spending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>/device/api/spending-limit</c> (docs/device.md, "Spending limit"): the most one payment approval without
/// <c>authorization_details</c> may spend, read and set by the person. The device API's conventions: the session
/// cookie, <c>application/json</c>, RFC 9457 problems.
/// </summary>
internal static class SpendingLimitEndpoints
{
    /// <summary>Maps the calls on the device API's group.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/spending-limit", async (HttpContext http, SpendingLimitStore limits) =>
            await DeviceApiEndpoints.SubjectAsync(http) is { } subject
                ? View(await limits.GetAsync(subject, http.RequestAborted))
                : DeviceApiEndpoints.Unauthorized());
        api.MapPut("/spending-limit", SetAsync);
    }

    private static async Task<IResult> SetAsync(HttpContext http, SpendingLimitStore limits)
    {
        if (await DeviceApiEndpoints.SubjectAsync(http) is not { } subject)
        {
            return DeviceApiEndpoints.Unauthorized();
        }

        var (body, unreadable) = await DeviceApiEndpoints.ReadJsonAsync<SpendingLimitInput>(http);
        if (unreadable is not null)
        {
            return unreadable;
        }

        decimal? amount = null;
        if (body is null || (body.Amount is { } text && !TryParse(text, out amount)))
        {
            return DeviceApiEndpoints.Problem(400, "Send {\"amount\": \"100.00\"} (a decimal string), or {\"amount\": null} for the default.");
        }

        if (amount is { } value && limits.Check(value) is { } problem)
        {
            return DeviceApiEndpoints.Problem(400, problem);
        }

        return await limits.SetAsync(subject, amount, http.RequestAborted)
            ? View(await limits.GetAsync(subject, http.RequestAborted))
            : DeviceApiEndpoints.Unauthorized();
    }

    private static bool TryParse(string text, out decimal? amount)
    {
        amount = null;
        if (text.Length is 0 or > 16 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        amount = value;
        return true;
    }

    private static IResult View(SpendingLimit limit) => Results.Json(new Dictionary<string, object>
    {
        ["amount"] = limit.Value,
        ["currency"] = limit.Currency,
        ["is_default"] = limit.IsDefault,
    });
}
