using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.AI.Tests.DependencyInjection;

public sealed class ToolAuthorizationServiceCollectionExtensionsTests
{
    [Fact]
    public void AddToolAuthorization_ReadsPoliciesFromConfiguration_ThenCompletesThemInCode()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mandate:Tools:purchaseItem:Auth"] = "ciba",
            ["Mandate:Tools:purchaseItem:Scopes"] = "payment",
        }).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IToolTokenSource>(new FakeToolTokenSource())
            .AddToolAuthorization(configuration.GetSection(ToolAuthorizationOptions.SectionName), o =>
            {
                o.LoginHint = "end.user";
                o.Tool("purchaseItem").SetBindingMessage(_ => "Buy it?");
            })
            .BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ToolAuthorizationOptions>>().Value;
        var policy = services.GetRequiredService<ToolAuthorizer>().FindPolicy("purchaseItem");

        Assert.NotNull(policy);
        Assert.Equal(ToolAuthorizationKind.OnBehalfOfUser, policy.Kind);
        Assert.Equal(["payment"], policy.Scopes);
        Assert.NotNull(policy.BindingMessageBuilder);
        Assert.Equal("end.user", options.LoginHint);
    }

    [Fact]
    public void AddToolAuthorization_Twice_RegistersOneAuthorizer()
    {
        var services = new ServiceCollection()
            .AddToolAuthorization(_ => { })
            .AddToolAuthorization(_ => { });

        Assert.Single(services, d => d.ServiceType == typeof(ToolAuthorizer));
        Assert.Single(services, d => d.ServiceType == typeof(ToolTokenAccessor));
    }
}
