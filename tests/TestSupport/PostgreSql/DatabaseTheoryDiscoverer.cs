using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>Discovers a <see cref="DatabaseTheoryAttribute"/>: a plain theory, or one skipped test case with the reason.</summary>
public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _theories = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        DatabaseSkip.ReasonFor(testMethod) is { } reason
            ? [new SkippedDatabaseTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _theories.Discover(discoveryOptions, testMethod, factAttribute);
}
