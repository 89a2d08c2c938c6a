namespace ShoeStore.Demo.Tests.LanguageModel;

/// <summary>Steps of a fake model's script that first check where the conversation is.</summary>
internal static class ScriptStep
{
    /// <summary>Answers a request whose last message is the customer's <paramref name="userText"/>.</summary>
    public static Func<ChatCompletionRequest, ScriptedReply> AfterUser(string userText, Func<ChatCompletionRequest, ScriptedReply> reply) => request =>
    {
        Assert.Equal("user", request.LastRole);
        Assert.Equal(userText, request.LastUserText);
        return reply(request);
    };

    /// <summary>Answers a request whose last message is a tool result (the function invoker's follow-up).</summary>
    public static Func<ChatCompletionRequest, ScriptedReply> AfterTool(Func<ChatCompletionRequest, ScriptedReply> reply) => request =>
    {
        Assert.Equal("tool", request.LastRole);
        return reply(request);
    };
}
