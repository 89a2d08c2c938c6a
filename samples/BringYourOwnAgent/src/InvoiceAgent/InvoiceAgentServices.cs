using Mandate.AI.Approvals;
using Mandate.AI.Policies;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceAgent;

/// <summary>
/// Wires the agent: Mandate's OAuth client, the tool policy (paying needs the person's approval, and a payment waiting
/// for it survives a restart of the agent), the tool.
/// </summary>
public static class InvoiceAgentServices
{
    /// <summary>
    /// Adds the agent's services. <paramref name="accountsApi"/> is where the invoices are paid; payments waiting for the
    /// person's approval are kept in <paramref name="approvalsFile"/> (a SQLite file, mode 0600).
    /// </summary>
    /// <returns>The builder of Mandate's HTTP client, e.g. to give it another primary handler in tests.</returns>
    public static IHttpClientBuilder AddInvoiceAgent(
        this IServiceCollection services, IConfiguration configuration, Uri accountsApi, string person, string approvalsFile)
    {
        var mandate = services.AddMandateClient(configuration);
        services.AddMandateClientTokenSource();
        services.AddToolAuthorization(options =>
        {
            options.LoginHint = person;
            options.SetPolicy(InvoiceTools.PayInvoice, ToolPolicy.OnBehalfOfUser("payment")
                .SetBindingMessage(call => $"Allow the agent to pay invoice {call.GetString("invoiceId")}?")
                .SetDeniedMessage("The person declined to pay the invoice.")
                .KeepApprovalAcrossRestarts());
        });
        services.AddApprovalStore(approvalsFile);
        services.AddHttpClient<InvoiceTools>(http => http.BaseAddress = accountsApi).AddToolAccessToken();
        return mandate;
    }

    /// <summary>The chat pipeline: Mandate authorizes each tool call before it runs.</summary>
    public static IChatClient BuildChat(IChatClient model, IServiceProvider services) =>
        new ChatClientBuilder(model).UseToolAuthorization().UseFunctionInvocation().Build(services);

    /// <summary>
    /// At start-up: finishes the payments an earlier run left waiting for the person — each paid once if they approved
    /// meanwhile — and says what became of each, to pass on to the person.
    /// </summary>
    public static async IAsyncEnumerable<string> ResumeAsync(IServiceProvider services)
    {
        var tools = services.GetRequiredService<InvoiceTools>().All;
        await foreach (var call in services.GetRequiredService<ApprovalRecovery>().ResumeAsync(tools, services))
        {
            yield return call.Stage == Mandate.AI.Authorization.ApprovalStage.Approved
                ? $"While I was away you approved it: {call.Result.GetString()}"
                : $"While I was away: {call.Result.GetProperty("message").GetString()}";
        }
    }
}
