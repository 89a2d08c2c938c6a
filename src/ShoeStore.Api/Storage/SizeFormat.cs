namespace ShoeStore.Api.Storage;

/// <summary>Rules for US shoe sizes as this store sells them.</summary>
internal static class SizeFormat
{
    public const decimal Smallest = 1.0m;

    public const decimal Largest = 20.0m;

    /// <summary>Whether <paramref name="size"/> is a size the store could sell: 1–20 in half steps.</summary>
    public static bool IsValid(decimal size) => size is >= Smallest and <= Largest && size * 2 == decimal.Truncate(size * 2);

    /// <summary>The message for a size that is not valid.</summary>
    public const string Rule = "Use a US size from 1 to 20 in half steps, e.g. 10.5.";
}
