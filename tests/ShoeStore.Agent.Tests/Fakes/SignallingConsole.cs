using Spectre.Console;
using Spectre.Console.Rendering;

namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>A console that writes to another and tells the test about every renderable written.</summary>
internal sealed class SignallingConsole(IAnsiConsole inner) : IAnsiConsole
{
    public Action<IRenderable>? OnWrite { get; set; }

    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable)
    {
        inner.Write(renderable);
        OnWrite?.Invoke(renderable);
    }

    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);
}
