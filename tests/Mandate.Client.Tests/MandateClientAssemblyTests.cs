using Mandate.Client.Configuration;

namespace Mandate.Client.Tests;

/// <summary>Mandate.Client runs in any .NET host: docs/client.md lists Microsoft.Extensions.* as its only framework dependency.</summary>
public sealed class MandateClientAssemblyTests
{
    [Fact]
    public void MandateClient_ReferencesNoAspNetCoreAssembly()
    {
        var references = typeof(MandateClientOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Contains(references, name => name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
