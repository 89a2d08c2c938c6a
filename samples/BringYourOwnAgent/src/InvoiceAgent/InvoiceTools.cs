using System.ComponentModel;
using System.Net.Http.Json;
using Microsoft.Extensions.AI;

namespace InvoiceAgent;

/// <summary>An agent's own tool: pays an invoice through the accounts API, with the person's approved token.</summary>
public sealed class InvoiceTools(HttpClient accounts)
{
    /// <summary>The tool's name, as the model calls it and as its policy names it.</summary>
    public const string PayInvoice = "payInvoice";

    /// <summary>The tools to give the model.</summary>
    public IReadOnlyList<AITool> All => [AIFunctionFactory.Create(PayAsync, PayInvoice, "Pays one of the person's invoices.")];

    [Description("Pays an invoice.")]
    private async Task<string> PayAsync([Description("The invoice id")] string invoiceId, CancellationToken cancellationToken)
    {
        // The Authorization header is added by Mandate.AI (AddToolAccessToken): this code never sees the token.
        using var response = await accounts.PostAsJsonAsync($"invoices/{Uri.EscapeDataString(invoiceId)}/payment", new { }, cancellationToken);
        return response.IsSuccessStatusCode ? $"Invoice {invoiceId} paid." : $"The accounts API answered {(int)response.StatusCode}.";
    }
}
