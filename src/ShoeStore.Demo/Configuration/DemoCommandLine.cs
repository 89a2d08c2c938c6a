namespace ShoeStore.Demo.Configuration;

/// <summary>
/// The demo's own switches (<c>--no-agent</c>, <c>--show-password</c>, <c>--help</c>), taken out of the arguments;
/// everything else is configuration (<c>--server-urls URL</c>, <c>--Mandate:CibaIntervalSeconds=2</c>, …).
/// </summary>
internal sealed record DemoCommandLine(bool NoAgent, bool ShowPassword, bool Help, string[] ConfigurationArgs)
{
    /// <summary>Command-line keys mapped onto configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--server-urls"] = DemoSettings.ServerUrlsKey,
        ["--store-urls"] = DemoSettings.StoreUrlsKey,
        ["--data-directory"] = DemoSettings.DataDirectoryKey,
        ["--tools"] = ShoeStore.Agent.Configuration.AgentOptions.ToolsKey,
        ["--traces"] = DemoSettings.TracesKey,
    };

    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage =
        """
        Usage: dotnet run --project src/ShoeStore.Demo [-- options]

        Starts Mandate.Server and ShoeStore.Api in this process, then the shopping assistant's chat.

          --server-urls URL      where the authorization server listens (default http://127.0.0.1:5100;
                                 port 0 picks a free one); the issuer is URL/am/oauth2/realms/root/realms/alpha
          --store-urls URL       where the store API listens (default http://127.0.0.1:5200; port 0 picks a free one)
          --data-directory DIR   identities, secrets and databases (default .mandate; delete it to start over)
          --tools local|mcp      the assistant's tools: its own over the store's REST API (default), or the
                                 store's MCP server's at STORE/mcp (docs/mcp.md)
          --traces off|console|otlp  where the spans of a purchase go: nowhere (default), printed, or OTLP to
                                 OTEL_EXPORTER_OTLP_ENDPOINT (the default when that is set; docs/observability.md)
          --no-agent             run only the two servers until Ctrl+C (for scripts and the device page)
          --show-password        print the demo user's password (otherwise: DEMO_END_USER_PASSWORD in demo.env)
          --Section:Key=value    any setting of the server (Mandate:…), the store (ShoeStore:…) or the agent
                                 (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, Agent:…); environment variables too
          --help                 this text

        """;

    /// <summary>Separates the switches from configuration arguments; an unknown bare switch is refused.</summary>
    public static DemoCommandLine Parse(IReadOnlyList<string> args)
    {
        bool noAgent = false, showPassword = false, help = false;
        var rest = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg.ToLowerInvariant())
            {
                case "--no-agent":
                    noAgent = true;
                    continue;
                case "--show-password":
                    showPassword = true;
                    continue;
                case "--help" or "-h" or "-?":
                    help = true;
                    continue;
            }

            var isKey = arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/');
            if (isKey && !arg.Contains('=', StringComparison.Ordinal))
            {
                // "--key value": the value must follow.
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new FormatException($"'{arg}' needs a value, e.g. {arg} http://127.0.0.1:5100 or {arg}=value.");
                }

                rest.Add(arg);
                rest.Add(args[++i]);
                continue;
            }

            if (!isKey)
            {
                throw new FormatException($"'{arg}' is not an option; options start with -- (see --help).");
            }

            rest.Add(arg);
        }

        return new DemoCommandLine(noAgent, showPassword, help, [.. rest]);
    }
}
