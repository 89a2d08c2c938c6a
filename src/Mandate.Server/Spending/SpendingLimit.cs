using System.Globalization;

namespace Mandate.Server.Spending;

/// <summary>A person's spending limit: the most one bounded approval may spend (docs/device.md, "Spending limit").</summary>
/// <param name="Amount">The amount, at most 2 decimals.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="IsDefault">True when the person has not set one and the configured default applies.</param>
internal sealed record SpendingLimit(decimal Amount, string Currency, bool IsDefault)
{
    /// <summary>Above any limit: amounts have at most 9 digits before the point, like <c>max_amount</c>'s pattern.</summary>
    public const decimal Largest = 999_999_999.99m;

    /// <summary>The amount as a decimal string with two decimals (<c>250.00</c>), the form of <c>max_amount.value</c>.</summary>
    public string Value => Amount.ToString("0.00", CultureInfo.InvariantCulture);
}
