// Mandate.Server host: dotnet run --project src/Mandate.Server → http://127.0.0.1:5100
// Options: --seed FILE, --urls URL, Mandate__Issuer, Mandate__DataDirectory, ConnectionStrings__Mandate.
// Run as the shoe-store demo: on the first start it writes the demo seed and .mandate/demo.env (Mandate__SeedDemo,
// true here, false in the library), and it accepts the shoe_purchase authorization details (docs/server.md).
// Relative paths (the data directory .mandate, an appsettings.json) are relative to the working directory.
// `keys list | rotate [--now] | revoke KID` manages the signing keys of the configured database, then exits.
using Mandate.Server.Demo;

string[]? keysCommand = args is ["keys", .. var rest] ? rest : null;

// Settings files are read once, at start: watching them for changes watches the whole working directory, where the
// SQLite database under .mandate/ changes on every write (docs/deploy.md). The command line may turn it back on.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. keysCommand is null ? args : []]);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--seed"] = "Mandate:SeedFile" });

// Defaults with the lowest precedence (appsettings, environment and command line override them). They live here
// rather than in an appsettings.json so that no settings file flows into projects that reference this one.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Mandate:SeedDemo"] = "true",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:OpenIddict"] = "Warning",
    },
});
if (builder.Configuration.GetConnectionString("Mandate") is { Length: > 0 } connectionString)
{
    builder.Configuration["Mandate:ConnectionString"] = connectionString;
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

builder.Services.AddMandateServer();
builder.Services.AddShoeStoreDemo();

if (keysCommand is not null)
{
    // The command prints what it did and reports its own errors; the database layer's logs would only repeat them.
    builder.Configuration["Logging:LogLevel:Default"] = "Warning";
    builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None";
}

var app = builder.Build();
if (keysCommand is not null)
{
    return await Mandate.Server.Keys.ServerKeyCommand.RunAsync(app.Services, keysCommand, Console.Out, Console.Error, CancellationToken.None);
}

// Migrations, seeds and keys before the server listens: a bad configuration or seed stops here with its message.
await app.InitializeMandateServerAsync();
app.MapMandateServer();
// WebAuthn refuses an IP address as relying-party id: passkeys work on the page at its allowed origin (localhost by default).
app.Logger.LogInformation("Device page: {DeviceUrl}",
    app.Services.GetRequiredService<Mandate.Server.Passkeys.PasskeyPolicy>().Origins.Order(StringComparer.Ordinal).First() + "/device");
await app.RunAsync();
return 0;

/// <summary>The host entry point.</summary>
internal partial class Program;
