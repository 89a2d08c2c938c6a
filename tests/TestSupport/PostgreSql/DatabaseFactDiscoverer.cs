using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>Discovers a <see cref="DatabaseFactAttribute"/>: a plain fact, or one skipped test case with the reason.</summary>
public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        DatabaseSkip.ReasonFor(testMethod) is { } reason
            ? [new SkippedDatabaseTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _facts.Discover(discoveryOptions, testMethod, factAttribute);
}
