using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Offline;

/// <summary>
/// A deterministic stand-in for a language model, used when no OpenAI-compatible endpoint is configured. It maps a
/// plain request to tool calls (search by category, brand, model and size; deals; a quote; buy; my orders) — asking
/// for a quote first when a purchase needs one — and phrases the results. It goes through the same pipeline as a
/// model, so tools are authorized exactly as they would be.
/// </summary>
internal sealed class OfflinePlanner : IChatClient
{
    public const string Help =
        "I'm the offline planner. I can search the catalog (\"find trail shoes in size 9\"), show deals (\"any deals?\"), " +
        "quote a pair shipped to you (\"what would it cost to ship one to me?\"), buy it (\"buy it\") and show your orders (\"my orders\").";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var all = messages.ToList();
        var lastUser = all.FindLastIndex(m => m.Role == ChatRole.User);
        if (lastUser < 0)
        {
            return Task.FromResult(Reply(Help));
        }

        var step = Plan(RequestParser.Parse(all[lastUser].Text), ConversationFacts.From(all), Results(all.Skip(lastUser + 1)));
        if (step.Call is { } call)
        {
            var available = options?.Tools?.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            if (!available.Contains(call.Name))
            {
                return Task.FromResult(Reply($"I can't do that here: the {call.Name} tool is not available."));
            }

            var callId = "call_" + (all.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count() + 1).ToString(CultureInfo.InvariantCulture);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, call.Name, call.Arguments)])));
        }

        return Task.FromResult(Reply(step.Reply!));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>The next step for <paramref name="request"/>, given what is known and what this turn's tools returned.</summary>
    internal static PlannerStep Plan(PlainRequest request, ConversationFacts facts, IReadOnlyList<(string Name, JsonElement Result)> turn)
    {
        if (turn.Any(r => ToolResultJson.IsError(r.Result)))
        {
            return PlannerStep.Answer(PhraseAll(turn, request.Kind));
        }

        bool Has(string tool) => turn.Any(r => r.Name == tool);
        switch (request.Kind)
        {
            case RequestKind.Search:
                return Has(ToolNames.GetProducts)
                    ? PlannerStep.Answer(PhraseAll(turn, request.Kind))
                    : PlannerStep.Invoke(ToolNames.GetProducts, Arguments(("query", request.Query), ("size", request.Size)));
            case RequestKind.Deals:
                return Has(ToolNames.GetAvailableDeals) ? PlannerStep.Answer(PhraseAll(turn, request.Kind)) : PlannerStep.Invoke(ToolNames.GetAvailableDeals, []);
            case RequestKind.Orders:
                return Has(ToolNames.GetOrders) ? PlannerStep.Answer(PhraseAll(turn, request.Kind)) : PlannerStep.Invoke(ToolNames.GetOrders, []);
            case RequestKind.Quote:
                return Has(ToolNames.GetTailoredQuote) ? PlannerStep.Answer(PhraseAll(turn, request.Kind)) : QuoteStep(request, facts, turn);
            case RequestKind.Buy:
                if (Has(ToolNames.PurchaseItem))
                {
                    return PlannerStep.Answer(PhraseAll(turn, request.Kind));
                }

                var namesDetails = request.ProductWords.Count > 0 || request.Size is not null || request.Quantity is not null || request.Ordinal is not null || request.Cheapest;
                if (facts.LastQuote is { } quote && !facts.LastQuoteBought && (Has(ToolNames.GetTailoredQuote) || !namesDetails))
                {
                    return PlannerStep.Invoke(ToolNames.PurchaseItem, Arguments(("quoteId", quote.QuoteId)));
                }

                return QuoteStep(request, facts, turn);
            case RequestKind.Help:
                return PlannerStep.Answer(Help);
            default:
                return PlannerStep.Answer("Sorry, I did not understand that. " + Help);
        }
    }

    private static PlannerStep QuoteStep(PlainRequest request, ConversationFacts facts, IReadOnlyList<(string Name, JsonElement Result)> turn)
    {
        var productId = request.ProductWords.Count > 0 ? Match(request.ProductWords, facts) : null;
        if (productId is null && request.ProductWords.Count > 0)
        {
            var search = turn.LastOrDefault(r => r.Name == ToolNames.GetProducts);
            if (search.Name is null)
            {
                return PlannerStep.Invoke(ToolNames.GetProducts, Arguments(("query", request.Query), ("size", request.Size)));
            }

            productId = ToolResultJson.Array(search.Result, "products").Select(p => ToolResultJson.String(p, "id")).FirstOrDefault();
            if (productId is null)
            {
                return PlannerStep.Answer($"I could not find {request.Query} in the catalog.");
            }
        }

        productId ??= Pick(request, facts);
        if (productId is null)
        {
            return PlannerStep.Answer(facts.LastList.Count > 0
                ? "Which shoe? Name it, or say which one of the list, for example \"quote the first one\"."
                : "Which shoe? Search first, for example \"find running shoes in size 10\".");
        }

        var size = request.Size ?? facts.LastSize;
        if (size is null)
        {
            var known = facts.Products.GetValueOrDefault(productId);
            var sizes = known is { Sizes.Count: > 0 } ? " In stock: " + string.Join(", ", known.Sizes.Select(ShoeStoreTools.FormatSize)) + "." : "";
            return PlannerStep.Answer($"Which US size of the {known?.Name ?? productId}?{sizes}");
        }

        return PlannerStep.Invoke(ToolNames.GetTailoredQuote, Arguments(("productId", productId), ("size", size), ("quantity", request.Quantity ?? 1)));
    }

    /// <summary>The product named by the request's words among those seen; the most words matched wins, the latest list first.</summary>
    private static string? Match(IReadOnlyList<string> words, ConversationFacts facts) =>
        facts.Products.Values
            .Select(p => (Product: p, Score: words.Count(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase) || p.Id.Contains(w.Replace(' ', '-'), StringComparison.Ordinal))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => facts.LastList.ToList().IndexOf(x.Product.Id) is var i && i >= 0 ? i : int.MaxValue)
            .Select(x => x.Product.Id)
            .FirstOrDefault();

    /// <summary>"the second one", "the cheapest", else the product in focus.</summary>
    private static string? Pick(PlainRequest request, ConversationFacts facts)
    {
        var list = facts.LastList;
        if (request.Cheapest && list.Count > 0)
        {
            return list.MinBy(id => facts.Products.TryGetValue(id, out var p) ? p.Price : decimal.MaxValue);
        }

        if (request.Ordinal is { } ordinal && list.Count > 0)
        {
            return ordinal < 0 ? list[^1] : ordinal < list.Count ? list[ordinal] : null;
        }

        return facts.FocusProductId;
    }

    private static string PhraseAll(IReadOnlyList<(string Name, JsonElement Result)> turn, RequestKind kind)
    {
        // A search made only to find the product of a quote or purchase is not repeated back.
        var shown = turn.Where(r => ToolResultJson.IsError(r.Result) || kind is not (RequestKind.Quote or RequestKind.Buy) || r.Name != ToolNames.GetProducts).ToList();
        return shown.Count == 0 ? "Done." : string.Join('\n', shown.Select(r => ResultPhraser.Phrase(r.Name, r.Result)));
    }

    private static List<(string Name, JsonElement Result)> Results(IEnumerable<ChatMessage> turn)
    {
        var calls = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<(string, JsonElement)>();
        foreach (var content in turn.SelectMany(m => m.Contents))
        {
            if (content is FunctionCallContent call)
            {
                calls[call.CallId] = call.Name;
            }
            else if (content is FunctionResultContent result && calls.TryGetValue(result.CallId, out var name))
            {
                results.Add((name, ToolResultJson.Read(result.Result)));
            }
        }

        return results;
    }

    private static Dictionary<string, object?> Arguments(params (string Name, object? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static ChatResponse Reply(string text) => new(new ChatMessage(ChatRole.Assistant, text));
}
