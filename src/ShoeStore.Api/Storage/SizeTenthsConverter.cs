using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShoeStore.Api.Storage;

/// <summary>Stores a US shoe size (e.g. 10.5) as an integer number of tenths (105), so equality is exact in SQL.</summary>
internal sealed class SizeTenthsConverter() : ValueConverter<decimal, long>(
    value => (long)(value * 10m),
    value => value / 10m);
