using System.Globalization;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Spending;

/// <summary>The person's spending limit (docs/device.md, "Spending limit"), kept on their user row.</summary>
internal sealed class SpendingLimitStore(MandateDbContext db, IOptions<MandateServerOptions> options)
{
    private MandateSpendingOptions Spending => options.Value.Spending;

    /// <summary>The limit that applies to <paramref name="subject"/>: theirs, else the configured default.</summary>
    public async Task<SpendingLimit> GetAsync(string subject, CancellationToken cancellationToken)
    {
        var cents = await db.Users.AsNoTracking().Where(u => u.Id == subject).Select(u => u.SpendingLimitCents).FirstOrDefaultAsync(cancellationToken);
        return cents is { } own
            ? new SpendingLimit(Math.Min(own / 100m, Spending.MaxLimit), Spending.Currency, IsDefault: false)
            : new SpendingLimit(Spending.DefaultLimit, Spending.Currency, IsDefault: true);
    }

    /// <summary>Sets the person's limit (a positive amount, at most 2 decimals, at most <c>MaxLimit</c>, checked by the
    /// caller with <see cref="Check"/>), or goes back to the default with null. False when the person does not exist.</summary>
    public async Task<bool> SetAsync(string subject, decimal? amount, CancellationToken cancellationToken)
    {
        long? cents = amount is { } a ? (long)(a * 100) : null;
        return await db.Users.Where(u => u.Id == subject)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SpendingLimitCents, cents), cancellationToken) == 1;
    }

    /// <summary>Null when <paramref name="amount"/> can be a limit, else the problem's detail.</summary>
    public string? Check(decimal amount) =>
        amount <= 0 || decimal.Round(amount, 2) != amount || amount > Spending.MaxLimit
            ? string.Create(CultureInfo.InvariantCulture, $"The limit must be a positive amount with at most 2 decimals, at most {Spending.MaxLimit:0.00} {Spending.Currency}.")
            : null;
}
