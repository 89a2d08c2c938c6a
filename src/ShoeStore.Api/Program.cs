// The shoe store's API: a resource server that trusts the authorization server's access tokens
// through discovery and JWKS. Settings: ShoeStore__Authority, ShoeStore__Audience, ConnectionStrings__ShoeStore.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddShoeStoreApi(builder.Configuration);

var app = builder.Build();
app.UseShoeStoreApi();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
