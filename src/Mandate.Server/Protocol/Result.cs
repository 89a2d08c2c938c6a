using System.Diagnostics.CodeAnalysis;

namespace Mandate.Server.Protocol;

/// <summary>A value or an <see cref="OAuthError"/>.</summary>
internal readonly struct Result<T>
{
    private Result(T? value, OAuthError? error) => (Value, Error) = (value, error);

    /// <summary>The value when successful.</summary>
    public T? Value { get; }

    /// <summary>The error when failed.</summary>
    public OAuthError? Error { get; }

    /// <summary>Whether this holds an error.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Error is not null;

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>Wraps an error.</summary>
    public static implicit operator Result<T>(OAuthError error) => new(default, error);
}
