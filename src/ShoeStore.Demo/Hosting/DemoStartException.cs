namespace ShoeStore.Demo.Hosting;

/// <summary>The demo could not start; the message says why and what to do (it never contains a secret).</summary>
internal sealed class DemoStartException : Exception
{
    public DemoStartException(string message)
        : base(message)
    {
    }

    public DemoStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DemoStartException()
    {
    }

    /// <summary>When the start failed because a port was taken: the option that sets it (<c>--server-urls</c> or
    /// <c>--store-urls</c>); otherwise null.</summary>
    public string? TakenPortOption { get; private init; }

    /// <summary>A port is taken.</summary>
    public static DemoStartException PortInUse(string what, Uri url, string option, Exception innerException) => new(
        $"Cannot start the {what}: {DemoEndpoints.Origin(url)} is already in use (another demo, Mandate.Server or ShoeStore.Api running?). " +
        $"Stop it, or pick another port: dotnet run --project src/ShoeStore.Demo -- {option} {url.Scheme}://{url.Host}:0 (0 = any free port).",
        innerException)
    {
        TakenPortOption = option,
    };
}
