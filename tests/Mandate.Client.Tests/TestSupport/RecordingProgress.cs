using System.Collections.Concurrent;
using Mandate.Client.Ciba;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>Records progress synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
public sealed class RecordingProgress : IProgress<CibaProgress>
{
    private readonly ConcurrentQueue<CibaProgress> _steps = new();

    public IReadOnlyList<CibaProgress> Steps => _steps.ToArray();

    public IReadOnlyList<CibaProgressKind> Kinds => Steps.Select(s => s.Kind).ToArray();

    public void Report(CibaProgress value) => _steps.Enqueue(value);
}
