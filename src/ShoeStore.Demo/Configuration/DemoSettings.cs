using Microsoft.Extensions.Configuration;
using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Configuration;

/// <summary>Where the demo's two servers listen and keep their data, read once at start-up.</summary>
internal sealed record DemoSettings
{
    /// <summary>Configuration key of the server's address (command line <c>--server-urls</c>, env <c>Demo__ServerUrls</c>).</summary>
    public const string ServerUrlsKey = "Demo:ServerUrls";

    /// <summary>Configuration key of the store's address (command line <c>--store-urls</c>, env <c>Demo__StoreUrls</c>).</summary>
    public const string StoreUrlsKey = "Demo:StoreUrls";

    /// <summary>The server's data directory, shared with Mandate.Server's own setting.</summary>
    public const string DataDirectoryKey = "Mandate:DataDirectory";

    /// <summary>Where traces go (<c>--traces off|console|otlp</c>).</summary>
    public const string TracesKey = "Demo:Traces";

    /// <summary>The OpenTelemetry variable that, when set, makes OTLP the default for <see cref="TracesKey"/>.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string DefaultServerUrl = "http://127.0.0.1:5100";
    public const string DefaultStoreUrl = "http://127.0.0.1:5200";
    public const string DefaultDataDirectory = ".mandate";

    /// <summary>The authorization server's address (scheme, host, port; port 0 = pick a free one).</summary>
    public required Uri ServerUrl { get; init; }

    /// <summary>The store API's address (port 0 = pick a free one).</summary>
    public required Uri StoreUrl { get; init; }

    /// <summary>Absolute path of the data directory (database, <c>demo.env</c>, the store's database under <c>store/</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The working directory relative paths are resolved against.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Where traces go: <c>--traces</c>, else OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, else off.</summary>
    public DemoTraces Traces { get; init; }

    /// <summary>Reads and checks the settings; throws <see cref="InvalidOperationException"/> with the fix.</summary>
    public static DemoSettings Read(IConfiguration configuration, string workingDirectory)
    {
        var data = configuration[DataDirectoryKey];
        return new DemoSettings
        {
            ServerUrl = ListenUrl(configuration[ServerUrlsKey] ?? DefaultServerUrl, "--server-urls", DefaultServerUrl),
            StoreUrl = ListenUrl(configuration[StoreUrlsKey] ?? DefaultStoreUrl, "--store-urls", DefaultStoreUrl),
            DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(data) ? DefaultDataDirectory : data.Trim(), workingDirectory),
            WorkingDirectory = workingDirectory,
            Traces = ReadTraces(configuration),
        };
    }

    private static DemoTraces ReadTraces(IConfiguration configuration)
    {
        var value = configuration[TracesKey]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]) ? DemoTraces.Off : DemoTraces.Otlp;
        }

        return value.ToLowerInvariant() switch
        {
            "off" => DemoTraces.Off,
            "console" => DemoTraces.Console,
            "otlp" => DemoTraces.Otlp,
            _ => throw new InvalidOperationException($"--traces is '{value}': use off, console or otlp (docs/observability.md)."),
        };
    }

    /// <summary>One absolute http(s) URL with a concrete host and no path: the address the others reach this server at.</summary>
    private static Uri ListenUrl(string value, string option, string example)
    {
        var text = value.Trim().TrimEnd('/');
        if (text.Contains(';', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{option} takes one address, not a list ('{text}'); e.g. {option} {example}.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") ||
            url.AbsolutePath != "/" || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{option} is '{text}': use an address such as {example} (http or https, no path).");
        }

        if (url.Host is "*" or "+" or "0.0.0.0" or "[::]" || text.Contains("://*", StringComparison.Ordinal) || text.Contains("://+", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{option} is '{text}': name the host the agent and the browser reach, e.g. {example} — the issuer and the device page are built from it.");
        }

        return url;
    }
}
