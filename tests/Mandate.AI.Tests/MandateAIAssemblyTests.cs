namespace Mandate.AI.Tests;

/// <summary>Mandate.AI runs in any .NET host: docs/client.md lists Microsoft.Extensions.* as its only framework dependency.</summary>
public sealed class MandateAIAssemblyTests
{
    [Fact]
    public void MandateAI_ReferencesNoAspNetCoreAssembly()
    {
        var references = typeof(ToolAuthorizationOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Contains(references, name => name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
