using System.Net.Http.Headers;
using System.Text;
using Mandate.Server.Authentication;
using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Endpoints;

/// <summary>Reads OAuth form posts: form-urlencoded only, each parameter at most once (RFC 6749 §3.2, CIBA §7.1).</summary>
internal static class FormReader
{
    /// <summary>Reads the form, refusing other media types and repeated parameters.</summary>
    public static async Task<Result<Dictionary<string, string>>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return OAuthError.InvalidRequest("Use POST with application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return OAuthError.InvalidRequest("The form body is malformed.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (value.Count != 1)
            {
                return OAuthError.InvalidRequest("The parameter '" + Sanitize(key) + "' is repeated.");
            }

            if (value[0] is { Length: > 0 } text)
            {
                values[key] = text;
            }
        }

        return values;
    }

    /// <summary>Extracts client credentials from the Authorization header and the form (RFC 6749 §2.3.1).</summary>
    public static ClientCredentialsInput ReadClientCredentials(HttpRequest request, IReadOnlyDictionary<string, string> form)
    {
        string? basicId = null, basicSecret = null;
        var malformed = false;
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            malformed = true;
            if (AuthenticationHeaderValue.TryParse(header, out var value)
                && string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && value.Parameter is { } parameter)
            {
                try
                {
                    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        basicId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
                        basicSecret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
                        malformed = false;
                    }
                }
                catch (FormatException)
                {
                    malformed = true;
                }
            }
        }

        return new ClientCredentialsInput
        {
            BasicClientId = basicId,
            BasicSecret = basicSecret,
            MalformedAuthorizationHeader = malformed,
            ClientId = form.GetValueOrDefault("client_id"),
            ClientSecret = form.GetValueOrDefault("client_secret"),
            ClientAssertion = form.GetValueOrDefault("client_assertion"),
            ClientAssertionType = form.GetValueOrDefault("client_assertion_type"),
        };
    }

    private static string Sanitize(string name) =>
        name.Length <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? name : "(unnamed)";
}
