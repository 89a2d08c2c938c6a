using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mandate.Server.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (orderable and comparable in SQL on every provider).</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
