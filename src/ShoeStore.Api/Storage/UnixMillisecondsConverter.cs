using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShoeStore.Api.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (UTC).</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
