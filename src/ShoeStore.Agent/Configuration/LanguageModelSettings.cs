using Microsoft.Extensions.Configuration;

namespace ShoeStore.Agent.Configuration;

/// <summary>
/// An OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM): <c>OPENAI_API_KEY</c>,
/// <c>OPENAI_BASE_URL</c>, <c>OPENAI_MODEL</c>. <see cref="ToString"/> never shows the key.
/// </summary>
internal sealed record LanguageModelSettings(string ApiKey, Uri? BaseUrl, string Model)
{
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>The settings, or null when neither a key nor a base URL is set (then the offline planner runs).</summary>
    public static LanguageModelSettings? Read(IConfiguration configuration)
    {
        var key = configuration["OPENAI_API_KEY"];
        var baseUrl = configuration["OPENAI_BASE_URL"];
        if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(baseUrl))
        {
            return null;
        }

        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(baseUrl) &&
            (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"OPENAI_BASE_URL is '{baseUrl}': use an absolute URL such as http://127.0.0.1:11434/v1 (Ollama).");
        }

        var model = configuration["OPENAI_MODEL"];

        // Local servers (Ollama, vLLM) take any key; the OpenAI SDK needs a non-empty one.
        return new LanguageModelSettings(
            string.IsNullOrWhiteSpace(key) ? "not-needed" : key.Trim(),
            endpoint,
            string.IsNullOrWhiteSpace(model) ? DefaultModel : model.Trim());
    }

    public override string ToString() => $"LanguageModelSettings {{ BaseUrl = {BaseUrl}, Model = {Model}, ApiKey = [redacted] }}";
}
