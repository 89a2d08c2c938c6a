using Mandate.AI.Policies;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceAgent;

/// <summary>Wires the agent: Mandate's OAuth client, the tool policy (paying needs the person's approval), the tool.</summary>
public static class InvoiceAgentServices
{
    /// <summary>Adds the agent's services. <paramref name="accountsApi"/> is where the invoices are paid.</summary>
    /// <returns>The builder of Mandate's HTTP client, e.g. to give it another primary handler in tests.</returns>
    public static IHttpClientBuilder AddInvoiceAgent(this IServiceCollection services, IConfiguration configuration, Uri accountsApi, string person)
    {
        var mandate = services.AddMandateClient(configuration);
        services.AddMandateClientTokenSource();
        services.AddToolAuthorization(options =>
        {
            options.LoginHint = person;
            options.SetPolicy(InvoiceTools.PayInvoice, ToolPolicy.OnBehalfOfUser("payment")
                .SetBindingMessage(call => $"Allow the agent to pay invoice {call.GetString("invoiceId")}?")
                .SetDeniedMessage("The person declined to pay the invoice."));
        });
        services.AddHttpClient<InvoiceTools>(http => http.BaseAddress = accountsApi).AddToolAccessToken();
        return mandate;
    }

    /// <summary>The chat pipeline: Mandate authorizes each tool call before it runs.</summary>
    public static IChatClient BuildChat(IChatClient model, IServiceProvider services) =>
        new ChatClientBuilder(model).UseToolAuthorization().UseFunctionInvocation().Build(services);
}
