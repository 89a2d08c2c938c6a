using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>A database test case that is skipped because its database is not available; carries the reason.</summary>
public sealed class SkippedDatabaseTestCase : XunitTestCase
{
    private string _reason = "";

    /// <summary>For the de-serializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; do not call it yourself.")]
    public SkippedDatabaseTestCase()
    {
    }

    public SkippedDatabaseTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
        _reason = reason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("DatabaseSkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("DatabaseSkipReason");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    protected override void Initialize()
    {
        base.Initialize();

        // The console shows skipped tests by name only: say why in the name, so the reason is in every run's output.
        DisplayName += $" (skipped: {PostgreSqlTestServer.VariableName} not set)";
    }
}
