// The shoe store's API: a resource server that trusts the authorization server's access tokens
// through discovery and JWKS. Settings: ShoeStore__Authority, ShoeStore__Audience, ConnectionStrings__ShoeStore.
// Relative paths (the data directory "data", an appsettings.json) are relative to the working directory.
var builder = WebApplication.CreateBuilder(args);

// Defaults with the lowest precedence (appsettings, environment and command line override them). They live here
// rather than in an appsettings.json so that the built dll runs from any working directory, and no settings file
// flows into projects that reference this one.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["ShoeStore:Authority"] = "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    },
});
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5200");
}

builder.Services.AddShoeStoreApi(builder.Configuration);

var app = builder.Build();
app.UseShoeStoreApi();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
