using System.Net.Sockets;
using System.Text;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>Sends bytes an HttpClient would not (broken chunked framing, a body shorter than its Content-Length).</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> (head and body as given), closes the sending side when
    /// <paramref name="closeSending"/>, and returns the response's status code (0 when the server closed without
    /// answering).</summary>
    public static async Task<int> SendAsync(Uri server, string request, bool closeSending)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);
        if (closeSending)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        var buffer = new byte[256];
        var read = 0;
        try
        {
            int n;
            while (read < 12 && (n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token)) > 0)
            {
                read += n;
            }
        }
        catch (IOException)
        {
            // Reset by the server: no answer.
        }

        var head = Encoding.Latin1.GetString(buffer, 0, read);
        return head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(head.AsSpan(9, 3), out var status) ? status : 0;
    }
}
