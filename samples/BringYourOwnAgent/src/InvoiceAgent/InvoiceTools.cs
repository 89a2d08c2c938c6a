using System.ComponentModel;
using System.Net.Http.Json;
using Mandate.AI.Tokens;
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
        // The Authorization header is added by Mandate.AI (AddToolAccessToken): this code never sees the token. The
        // idempotency key is the call's own, the same if the call runs again after a restart: the API pays once.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"invoices/{Uri.EscapeDataString(invoiceId)}/payment")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Add("Idempotency-Key", ToolTokenAccessor.CurrentIdempotencyKey);
        using var response = await accounts.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? $"Invoice {invoiceId} paid." : $"The accounts API answered {(int)response.StatusCode}.";
    }
}
