// Mandate.Server host: dotnet run --project src/Mandate.Server → http://127.0.0.1:5100
// Options: --seed FILE, --urls URL, Mandate__Issuer, Mandate__DataDirectory, ConnectionStrings__Mandate.
// Relative paths (the data directory .mandate, an appsettings.json) are relative to the working directory.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--seed"] = "Mandate:SeedFile" });

// Quiet defaults with the lowest precedence (appsettings, environment and command line override them). They live
// here rather than in an appsettings.json so that no settings file flows into projects that reference this one.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
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

var app = builder.Build();
app.MapMandateServer();
app.Run();

/// <summary>The host entry point (public for WebApplicationFactory).</summary>
public partial class Program;
