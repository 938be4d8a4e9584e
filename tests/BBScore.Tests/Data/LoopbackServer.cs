using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BBScore.Tests.Data;

/// <summary>A real HTTP server on 127.0.0.1 (free port) for download tests. Each request goes to
/// <see cref="Handler"/>; requests are recorded (path+query, Range header).</summary>
public sealed class LoopbackServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly CancellationTokenSource _stop = new();

    public LoopbackServer(Func<HttpListenerContext, Task> handler)
    {
        Handler = handler;
        for (int tries = 0; ; tries++)
        {
            int port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl + "/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (tries < 5) { }
        }
        _ = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; private set; } = "";
    public Func<HttpListenerContext, Task> Handler { get; set; }
    public ConcurrentQueue<(string PathAndQuery, string? Range)> Requests { get; } = new();

    public int Count(string path) => Requests.Count(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal));

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                Requests.Enqueue((ctx.Request.Url!.PathAndQuery, ctx.Request.Headers["Range"]));
                try { await Handler(ctx); ctx.Response.Close(); }
                catch (Exception) { try { ctx.Response.Abort(); } catch (Exception) { } }
            });
        }
    }

    /// <summary>Serves <paramref name="data"/> honouring "Range: bytes=N-" with 206.</summary>
    public static async Task ServeBytes(HttpListenerContext ctx, byte[] data, bool honourRange = true)
    {
        long from = 0;
        string? range = ctx.Request.Headers["Range"];
        if (honourRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            from = long.Parse(range["bytes=".Length..].TrimEnd('-'));
            if (from >= data.Length)
            {
                ctx.Response.StatusCode = 416;
                ctx.Response.AddHeader("Content-Range", $"bytes */{data.Length}");
                return;
            }
            ctx.Response.StatusCode = 206;
            ctx.Response.AddHeader("Content-Range", $"bytes {from}-{data.Length - 1}/{data.Length}");
        }
        ctx.Response.ContentType = "application/octet-stream";
        ctx.Response.ContentLength64 = data.Length - from;
        await ctx.Response.OutputStream.WriteAsync(data.AsMemory((int)from));
    }

    /// <summary>Sends the headers for the whole file, then only the first <paramref name="cut"/> bytes, and drops the connection.</summary>
    public static async Task ServeCut(HttpListenerContext ctx, byte[] data, int cut)
    {
        ctx.Response.ContentType = "application/octet-stream";
        ctx.Response.ContentLength64 = data.Length;
        await ctx.Response.OutputStream.WriteAsync(data.AsMemory(0, cut));
        await ctx.Response.OutputStream.FlushAsync();
        ctx.Response.Abort();
        throw new OperationCanceledException("cut");
    }

    public static async Task ServeText(HttpListenerContext ctx, string text, string contentType, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
    }
}
