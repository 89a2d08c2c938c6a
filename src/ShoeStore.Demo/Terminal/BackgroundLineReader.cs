namespace ShoeStore.Demo.Terminal;

/// <summary>
/// Reads lines of standard input on a pool thread, so that waiting for the next line never holds the thread that
/// completes a cancelled chat turn — .NET runs Ctrl+C handlers on its signal thread, and a cancelled turn's
/// continuations run there up to the next read. It also lets the chat's start-up run to its first read and return.
/// </summary>
internal sealed class BackgroundLineReader(TextReader inner) : TextReader
{
    public override string? ReadLine() => inner.ReadLine();

    public override Task<string?> ReadLineAsync() => Task.Run(inner.ReadLine);

    public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        new(Task.Run(inner.ReadLine, cancellationToken).WaitAsync(cancellationToken));

    public override int Peek() => inner.Peek();

    public override int Read() => inner.Read();
}
