using System.Text.Json;
using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;

namespace Mandate.AI.Functions;

/// <summary>
/// An <see cref="AIFunction"/> that runs only when its policy allows: it asks the <see cref="ToolAuthorizer"/>
/// for the call's token, makes it current in <see cref="ToolTokenAccessor"/> while the inner function runs, and
/// returns a <see cref="ToolAuthorizationFailure"/> result instead of running when the call is refused. The token
/// is never put in the arguments, and a result that contains it is withheld from the model.
/// </summary>
internal sealed class AuthorizedAIFunction : DelegatingAIFunction
{
    private readonly ToolAuthorizer _authorizer;

    /// <summary>Wraps <paramref name="innerFunction"/>.</summary>
    /// <param name="innerFunction">The tool.</param>
    /// <param name="authorizer">Decides and gets tokens.</param>
    public AuthorizedAIFunction(AIFunction innerFunction, ToolAuthorizer authorizer)
        : base(innerFunction)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        _authorizer = authorizer;
    }

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var outcome = await _authorizer.AuthorizeAsync(new ToolCall(Name, arguments), cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            return failure.ToJsonElement();
        }

        object? result;
        using (ToolTokenAccessor.BeginScope(outcome.Token))
        {
            result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Token is { } token && Contains(result, token.Value))
        {
            _authorizer.ReportWithheld(Name);
            return new ToolAuthorizationFailure(
                ToolAuthorizationErrors.ResultWithheld, "The tool's result was withheld because it contained a credential.").ToJsonElement();
        }

        return result;
    }

    private bool Contains(object? result, string secret)
    {
        string? text;
        try
        {
            text = result switch
            {
                null => null,
                string value => value,
                JsonElement element => element.GetRawText(),
                _ => JsonSerializer.Serialize(result, result.GetType(), JsonSerializerOptions),
            };
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or JsonException)
        {
            text = result?.ToString();
        }

        return text is not null && text.Contains(secret, StringComparison.Ordinal);
    }
}
