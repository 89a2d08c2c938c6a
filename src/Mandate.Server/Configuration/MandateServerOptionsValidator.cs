using Mandate.Server.Spending;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Configuration;

/// <summary>Refuses configurations that cannot work, at start-up, with a message that says what to fix.</summary>
internal sealed class MandateServerOptionsValidator : IValidateOptions<MandateServerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MandateServerOptions options)
    {
        var errors = new List<string>();
        if (!options.Issuer.IsAbsoluteUri || options.Issuer.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(options.Issuer.Query) || !string.IsNullOrEmpty(options.Issuer.Fragment))
        {
            errors.Add("Mandate:Issuer must be an absolute http(s) URL without query or fragment.");
        }

        if (options.Issuer.Scheme == "http" && !options.IsDevelopmentTransport)
        {
            errors.Add("Mandate:Issuer uses http: set an https issuer, or Mandate:AllowInsecureHttp=true for development.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Mandate:DataDirectory must not be empty.");
        }

        Positive(options.CibaIntervalSeconds, "CibaIntervalSeconds", errors);
        Positive(options.CibaDefaultExpirySeconds, "CibaDefaultExpirySeconds", errors);
        Positive(options.CibaMaxExpirySeconds, "CibaMaxExpirySeconds", errors);
        Positive(options.RequestObjectMaxLifetimeSeconds, "RequestObjectMaxLifetimeSeconds", errors);
        Positive(options.PingTimeoutSeconds, "PingTimeoutSeconds", errors);
        Positive(options.SignInMaxFailures, "SignInMaxFailures", errors);
        Positive(options.SignInAttemptsPerMinute, "SignInAttemptsPerMinute", errors);
        Positive(options.SignInBackoffSeconds, "SignInBackoffSeconds", errors);
        Positive(options.SignInMaxBackoffSeconds, "SignInMaxBackoffSeconds", errors);
        Positive(options.DeviceSessionIdleMinutes, "DeviceSessionIdleMinutes", errors);
        Positive(options.DeviceSessionLifetimeMinutes, "DeviceSessionLifetimeMinutes", errors);
        Positive(options.SigningKeyPublishAheadSeconds, "SigningKeyPublishAheadSeconds", errors);
        Positive(options.SigningKeyRetentionSeconds, "SigningKeyRetentionSeconds", errors);
        Positive(options.SigningKeyRefreshSeconds, "SigningKeyRefreshSeconds", errors);
        if (options.SigningKeyRotationDays < 0)
        {
            errors.Add("Mandate:SigningKeyRotationDays must be 0 (no automatic rotation) or a positive number of days.");
        }
        else if (options.SigningKeyRotationDays > 0 && TimeSpan.FromDays(options.SigningKeyRotationDays) <= TimeSpan.FromSeconds(options.SigningKeyPublishAheadSeconds))
        {
            errors.Add("Mandate:SigningKeyRotationDays must be longer than Mandate:SigningKeyPublishAheadSeconds.");
        }

        if (options.SigningKeyRefreshSeconds >= options.SigningKeyPublishAheadSeconds)
        {
            errors.Add("Mandate:SigningKeyRefreshSeconds must be shorter than Mandate:SigningKeyPublishAheadSeconds, so every instance knows a new key before it signs.");
        }

        if (options.SigningKeyRetentionSeconds < options.IdTokenHintGraceSeconds)
        {
            errors.Add("Mandate:SigningKeyRetentionSeconds must be at least Mandate:IdTokenHintGraceSeconds, so a hint signed by the previous key still verifies.");
        }

        ValidateSpending(options.Spending, errors);
        if (options.Ciba.MaxPendingPerPerson < 0 || options.Ciba.MaxPendingPerClient < 0)
        {
            errors.Add("Mandate:Ciba:MaxPendingPerPerson and MaxPendingPerClient must be 0 (no cap) or a positive number.");
        }

        if (options.ClockSkewSeconds is < 0 or > 300)
        {
            errors.Add("Mandate:ClockSkewSeconds must be between 0 and 300.");
        }

        if (options.CibaDefaultExpirySeconds > options.CibaMaxExpirySeconds)
        {
            errors.Add("Mandate:CibaDefaultExpirySeconds must not exceed Mandate:CibaMaxExpirySeconds.");
        }

        errors.AddRange(Passkeys.PasskeyPolicy.Validate(options));
        ValidatePush(options.Push, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidatePush(MandatePushOptions push, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(push.Subject)
            && !(push.Subject.StartsWith("mailto:", StringComparison.Ordinal) && push.Subject.Length > "mailto:".Length && !push.Subject.Any(char.IsWhiteSpace))
            && !(Uri.TryCreate(push.Subject, UriKind.Absolute, out var contact) && contact.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add("Mandate:Push:Subject must be a mailto: address or an https: URL (RFC 8292 §2.1), e.g. mailto:security@example.com.");
        }

        if (push.TimeoutSeconds is <= 0 or > 300)
        {
            errors.Add("Mandate:Push:TimeoutSeconds must be between 1 and 300.");
        }

        if (push.MaxAttempts is < 1 or > 10)
        {
            errors.Add("Mandate:Push:MaxAttempts must be between 1 and 10.");
        }
    }

    private static void Positive(int value, string name, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add("Mandate:" + name + " must be a positive number.");
        }
    }

    private static void ValidateSpending(MandateSpendingOptions spending, List<string> errors)
    {
        if (spending.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("Mandate:Spending:Currency must be an ISO 4217 code such as USD.");
        }

        if (spending.MaxLimit <= 0 || spending.MaxLimit > SpendingLimit.Largest || decimal.Round(spending.MaxLimit, 2) != spending.MaxLimit)
        {
            errors.Add("Mandate:Spending:MaxLimit must be a positive amount with at most 2 decimals, below 1,000,000,000.");
        }

        if (spending.DefaultLimit <= 0 || spending.DefaultLimit > spending.MaxLimit || decimal.Round(spending.DefaultLimit, 2) != spending.DefaultLimit)
        {
            errors.Add("Mandate:Spending:DefaultLimit must be a positive amount with at most 2 decimals, at most Mandate:Spending:MaxLimit.");
        }
    }
}
