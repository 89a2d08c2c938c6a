using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ShoeStore.Api.Problems;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary>
/// Tool results (MCP 2025-11-25, Server Features, Tools, "Tool Result"). A success carries the REST API's JSON
/// for the same data, serialized with the same options, as text and as <c>structuredContent</c> (an object: a list
/// is wrapped under a name). A refusal is a tool execution error (<c>isError</c>) whose text is an RFC 9457 problem
/// with the REST API's <c>type</c>, <c>title</c> and <c>detail</c>, so the model can read why and recover.
/// </summary>
internal static class StoreToolResults
{
    /// <summary>The REST API's serializer options (ASP.NET Core's HTTP JSON options).</summary>
    public static JsonSerializerOptions JsonOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    /// <summary>A single object, e.g. a quote or an order.</summary>
    public static CallToolResult Object<T>(T value, IServiceProvider services)
    {
        var element = JsonSerializer.SerializeToElement(value, JsonOptions(services));
        return Success(element, element);
    }

    /// <summary>A list, e.g. products; <c>structuredContent</c> is <c>{ "<paramref name="name"/>": [...] }</c>.</summary>
    public static CallToolResult List<T>(string name, IReadOnlyList<T> items, IServiceProvider services)
    {
        var options = JsonOptions(services);
        var list = JsonSerializer.SerializeToElement(items, options);
        var wrapped = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [name] = list }, options);
        return Success(list, wrapped);
    }

    /// <summary>An answer stored as JSON text (an idempotent replay), passed on as it was first sent.</summary>
    public static CallToolResult Stored(string json)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement.Clone();
        return Success(element, element);
    }

    /// <summary>A refusal: <c>isError</c> with a problem object.</summary>
    public static CallToolResult Problem(string type, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new Dictionary<string, object> { ["type"] = type, ["title"] = title, ["detail"] = detail };
        if (errors is { Count: > 0 })
        {
            problem["errors"] = errors;
        }

        var element = JsonSerializer.SerializeToElement(problem, JsonSerializerOptions.Web);
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    /// <summary>Arguments that are missing or not valid, named like the REST API's validation <c>errors</c>.</summary>
    public static CallToolResult Invalid(IDictionary<string, string[]> errors) =>
        Problem(ProblemTypes.Validation, "The request is not valid", "See errors for the arguments to fix.", errors);

    private static CallToolResult Success(JsonElement text, JsonElement structured) => new()
    {
        Content = [new TextContentBlock { Text = text.GetRawText() }],
        StructuredContent = structured,
    };
}
