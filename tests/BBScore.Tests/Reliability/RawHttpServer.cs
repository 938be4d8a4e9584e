using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BBScore.Tests.Reliability;

/// <summary>An HTTP/1.1 server on 127.0.0.1 that writes raw bytes, for the faults a well-behaved server
/// library will not produce: bodies cut short with or without Content-Length, stalls mid-body, lying
/// headers. Each connection serves one request; <see cref="Respond"/> gets the request number (from 1),
/// the Range start (or null) and the connection's stream, and closes by returning.</summary>
public sealed class RawHttpServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    int _requests;

    public RawHttpServer(Func<int, long?, Stream, Task> respond)
    {
        Respond = respond;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/data/file.bin";
        _ = Task.Run(AcceptLoop);
    }

    public string Url { get; }
    public Func<int, long?, Stream, Task> Respond { get; }
    public int Requests => _requests;
    public ConcurrentQueue<long?> Ranges { get; } = new();

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    try
                    {
                        long? range = await ReadRequest(stream);
                        Ranges.Enqueue(range);
                        await Respond(Interlocked.Increment(ref _requests), range, stream);
                        await stream.FlushAsync();
                    }
                    catch (Exception) { /* the client hung up; the next request is a new connection */ }
                }
            });
        }
    }

    static async Task<long?> ReadRequest(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("closed");
            header.Append((char)one[0]);
        }
        foreach (string line in header.ToString().Split("\r\n"))
            if (line.StartsWith("Range: bytes=", StringComparison.OrdinalIgnoreCase))
                return long.Parse(line["Range: bytes=".Length..].TrimEnd('-'));
        return null;
    }

    /// <summary>Writes a status line and headers (Connection: close is always added).</summary>
    public static Task Head(Stream stream, string status, params string[] headers) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}Connection: close\r\n\r\n")).AsTask();

    /// <summary>A whole 200 response with Content-Length.</summary>
    public static async Task Full(Stream stream, byte[] data)
    {
        await Head(stream, "200 OK", $"Content-Length: {data.Length}", "Content-Type: application/octet-stream");
        await stream.WriteAsync(data);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
