using System.Globalization;
using System.Text.RegularExpressions;

namespace ShoeStore.Agent.Offline;

/// <summary>
/// Reads plain shopping requests deterministically: "find running shoes in size 10", "any deals?", "what would it
/// cost to ship one to me?", "buy it", "my orders". No language model: keywords and patterns, checked in a fixed order.
/// </summary>
internal static partial class RequestParser
{
    private static readonly (string Word, string Term)[] Categories =
    [
        ("running", "running"), ("run", "running"), ("runner", "running"), ("runners", "running"), ("jogging", "running"), ("marathon", "running"),
        ("trail", "trail"), ("trails", "trail"),
        ("walking", "walking"), ("walk", "walking"), ("hiking", "walking"), ("hike", "walking"), ("hiker", "walking"), ("hikers", "walking"),
        ("casual", "casual"), ("sneaker", "casual"), ("sneakers", "casual"), ("everyday", "casual"), ("lifestyle", "casual"),
        ("formal", "formal"), ("dress", "formal"), ("oxford", "formal"), ("oxfords", "formal"), ("office", "formal"), ("wedding", "formal"),
        ("kids", "kids"), ("kid", "kids"), ("children", "kids"), ("child", "kids"), ("boys", "kids"), ("girls", "kids"),
    ];

    private static readonly string[] Brands =
    [
        "nike", "adidas", "asics", "brooks", "hoka", "new balance", "saucony", "salomon", "altra", "la sportiva", "merrell", "keen",
        "skechers", "allbirds", "converse", "vans", "veja", "dr. martens", "allen edmonds", "cole haan", "clarks", "johnston & murphy",
        "ecco", "florsheim", "crocs",
    ];

    private static readonly string[] Models =
    [
        "pegasus", "vomero", "ultraboost", "adizero", "nimbus", "kayano", "ghost", "glycerin", "clifton", "bondi", "1080", "endorphin",
        "cloudmonster", "speedcross", "speedgoat", "lone peak", "cascadia", "bushido", "peregrine", "moab", "targhee", "go walk",
        "wool runner", "stan smith", "samba", "chuck taylor", "old skool", "air force", "574", "v-10", "1461", "park avenue",
        "originalgrand", "tilden", "conard", "helsinki", "lexington", "revolution", "grand court", "arishi", "kinvara", "clog",
    ];

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["a couple of"] = 2, ["couple of"] = 2,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 0, ["1st"] = 0, ["second"] = 1, ["2nd"] = 1, ["third"] = 2, ["3rd"] = 2, ["fourth"] = 3, ["4th"] = 3,
        ["fifth"] = 4, ["5th"] = 4, ["last"] = -1,
    };

    /// <summary>
    /// The longest request read; the rest is ignored. Plain requests are a sentence or two, and with the input bounded
    /// the patterns below (no nested quantifiers, so linear in the input) need no match timeout — a wall-clock timeout
    /// only ever fired on a busy machine, in the middle of a conversation.
    /// </summary>
    public const int MaxRequestLength = 1_000;

    public static PlainRequest Parse(string text)
    {
        var bounded = text.Length > MaxRequestLength ? text[..MaxRequestLength] : text;
        var lower = " " + WhiteSpace().Replace(bounded.ToLowerInvariant(), " ").Trim() + " ";
        var size = ParseSize(lower);
        var quantity = QuantityPattern().Match(lower) is { Success: true } q
            ? (int.TryParse(q.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : NumberWords[q.Groups[1].Value])
            : (int?)null;
        var words = new List<string>();
        var terms = new List<string>();
        foreach (var (word, term) in Categories)
        {
            if (ContainsWord(lower, word) && !terms.Contains(term))
            {
                terms.Add(term);
            }
        }

        foreach (var name in Brands.Concat(Models))
        {
            if (ContainsWord(lower, name))
            {
                terms.Add(name);
                words.Add(name);
            }
        }

        var ordinalMatch = OrdinalPattern().Match(lower);
        int? ordinal = ordinalMatch.Success ? Ordinals[ordinalMatch.Groups[1].Value] : null;
        var cheapest = ContainsWord(lower, "cheapest");
        var kind = Classify(lower, terms.Count > 0);
        return new PlainRequest(kind, terms.Count == 0 ? null : string.Join(' ', terms), size, quantity, words, ordinal, cheapest);
    }

    private static RequestKind Classify(string lower, bool namesShoes) =>
        OrdersPattern().IsMatch(lower) ? RequestKind.Orders
        : BuyPattern().IsMatch(lower) ? RequestKind.Buy
        : QuotePattern().IsMatch(lower) ? RequestKind.Quote
        : DealsPattern().IsMatch(lower) ? RequestKind.Deals
        : namesShoes || SearchPattern().IsMatch(lower) ? RequestKind.Search
        : HelpPattern().IsMatch(lower) ? RequestKind.Help
        : RequestKind.Unknown;

    private static decimal? ParseSize(string lower)
    {
        var match = SizePattern().Match(lower);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
        return decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 20
            ? size
            : null;
    }

    private static bool ContainsWord(string lower, string word) =>
        lower.Contains(" " + word + " ", StringComparison.Ordinal)
        || Regex.IsMatch(lower, @"(?<![a-z0-9])" + Regex.Escape(word) + @"(?![a-z0-9])", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"\bsize\s*:?\s*(\d{1,2}(?:\.\d)?)\b|\bus\s*(\d{1,2}(?:\.5)?)\b|\b(\d{1,2}(?:\.5)?)\s*us\b|\bin (?:a |an )?(\d{1,2}(?:\.5)?)(?![\d.]|\s*(?:pairs?|x|%|days?)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"\b(\d{1,2}|one|two|three|four|five|six|a couple of|couple of|a) pairs?\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b(?: one| pair)?", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalPattern();

    [GeneratedRegex(@"\b(my|past|previous|recent|existing) (orders?|purchases)\b|\border (history|status)\b|\bwhat (did|have) i (bought|buy|ordered|order)\b|^ orders? \??\s*$|\b(show|list|see) (the |my )?orders\b", RegexOptions.CultureInvariant)]
    private static partial Regex OrdersPattern();

    [GeneratedRegex(@"\b(buy|purchase|checkout|check out|place (an |the |my )?order|order (it|them|one|that|those|this)|i'?ll take (it|them|one)|get (it|them) for me)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BuyPattern();

    [GeneratedRegex(@"\b(quote|cost|costs|how much|price to|ship|shipped|shipping|deliver|delivered|delivery|total)\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuotePattern();

    [GeneratedRegex(@"\b(deals?|discounts?|sales?|offers?|promos?|promotions?|bargains?|specials?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DealsPattern();

    [GeneratedRegex(@"\b(shoes?|sneakers?|boots?|trainers?|footwear|catalog(ue)?|find|search|show me|looking for|do you (have|sell)|got any|what do you have)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SearchPattern();

    [GeneratedRegex(@"^ (hi|hello|hey|help|what can you do|how does this work)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HelpPattern();
}
