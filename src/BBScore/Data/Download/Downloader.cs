using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BBScore.Progress;

namespace BBScore.Data.Download;

/// <summary>Fetches one <see cref="RemoteFile"/> to its final path, safely:
/// <list type="bullet">
/// <item>bytes go to <c>&lt;file&gt;.partial</c>, renamed to the final name only once complete and
/// verified, so a half file never carries the final name;</item>
/// <item>an existing partial is resumed with an HTTP Range request (206 appends; 200 means the
/// server ignored the range and the download restarts cleanly; 416 is complete when the size matches);</item>
/// <item>transient errors (5xx, 408, 429, timeouts, dropped connections) are retried with exponential
/// backoff; 401/403/404/410 fail at once with the URL and status;</item>
/// <item>size and SHA-256 are checked when the file declares them. On a mismatch the partial is
/// deleted; if it had been resumed from an earlier run (which may have been a different version of
/// the file) the file is fetched once more from scratch, otherwise the error is reported;</item>
/// <item>free disk space is checked up front, a cross-process lock on <c>&lt;file&gt;.lock</c> keeps
/// two processes from downloading the same file, and cancellation leaves a resumable partial.</item>
/// </list></summary>
public sealed class Downloader : IDisposable
{
    const int BufferSize = 1 << 20;
    readonly HttpClient _http;
    readonly DownloadOptions _options;
    readonly IProgressSink _progress;

    public Downloader(IProgressSink? progress = null, DownloadOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? new DownloadOptions();
        _progress = progress ?? SilentProgress.Instance;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // idle timeout is enforced per read instead
        if (_options.BaseAddress is not null) _http.BaseAddress = _options.BaseAddress;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("BBScore.NET/0.1");
    }

    /// <summary>The client used, shared with listings (S3) so tests and mirrors see one configuration.</summary>
    public HttpClient Http => _http;

    /// <summary>Downloads <paramref name="file"/> to <paramref name="destination"/> unless it is there
    /// already. <paramref name="label"/> prefixes the progress bar (e.g. "[2/5] name").</summary>
    public void Download(RemoteFile file, string destination, CancellationToken ct = default, string? label = null)
    {
        destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (IsComplete(file, destination)) return;
        using var _ = FileLock.Acquire(destination, _options.LockTimeout, _options.LockPollInterval, _progress, ct);
        if (IsComplete(file, destination)) return; // another process finished it while we waited
        string partial = destination + ".partial";
        CheckDiskSpace(file, destination, partial);
        label ??= Path.GetFileName(destination);
        _progress.Track(label, file.Size ?? 0, report =>
        {
            RunAsync(file, destination, partial, report, ct).GetAwaiter().GetResult();
            return 0;
        });
    }

    /// <summary>True when the final file exists with the expected size (when one is declared) and, when a SHA-256 is
    /// declared, that hash (see <see cref="VerifiedStamp"/>: re-hashed only after the file changed). A file that
    /// fails is deleted, so it is fetched again.</summary>
    public static bool IsComplete(RemoteFile file, string destination)
    {
        var info = new FileInfo(destination);
        if (!info.Exists) return false;
        bool intact = (file.Size is null || info.Length == file.Size) && (file.Sha256 is null || VerifiedStamp.Holds(destination, file.Sha256));
        if (intact) return true;
        if (file.Sha256 is not null)
        {
            // Damaged since it was downloaded (or replaced by another file): fetch it again rather than use it.
            File.Delete(destination);
            VerifiedStamp.Delete(destination);
        }
        return false;
    }

    void CheckDiskSpace(RemoteFile file, string destination, string partial)
    {
        if (file.Size is not long size) return;
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        long needed = Math.Max(0, size - have) + _options.DiskMarginBytes;
        string dir = Path.GetDirectoryName(destination)!;
        long free = _options.FreeBytes(dir);
        if (free < needed)
            throw new IOException(
                $"Not enough free disk space to download {file.Url} to {destination}: needs {Mib(needed)} " +
                $"({Mib(size)} file - {Mib(have)} already downloaded + {Mib(_options.DiskMarginBytes)} margin) " +
                $"but only {Mib(free)} are free in {dir}. Free some space or point BBSCORE_HOME at a larger disk.");
    }

    static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MiB";

    async Task RunAsync(RemoteFile file, string destination, string partial, Action<long> report, CancellationToken ct)
    {
        bool refetched = false;
        for (int attempt = 1; ; attempt++)
        {
            bool resumed = File.Exists(partial) && new FileInfo(partial).Length > 0;
            try
            {
                await TransferAsync(file, partial, report, ct).ConfigureAwait(false);
            }
            catch (TransientException e) when (attempt < _options.MaxAttempts)
            {
                var delay = Backoff(attempt);
                _progress.Warn($"{file.Url}: {e.Message}; retrying in {delay.TotalSeconds:F1} s (attempt {attempt + 1} of {_options.MaxAttempts}).");
                await Task.Delay(delay, ct).ConfigureAwait(false);
                continue;
            }
            catch (TransientException e)
            {
                throw new DownloadException(
                    $"Downloading {file.Url} failed after {attempt} attempts: {e.Message}. The partial file {partial} " +
                    "is kept; run again to resume, or check the network / mirror endpoint.", file.Url, e.Status, e);
            }

            string? problem = Verify(file, partial);
            if (problem is null)
            {
                VerifiedStamp.Delete(destination);
                File.Move(partial, destination, overwrite: true);
                if (file.Sha256 is { } sha) VerifiedStamp.Write(destination, sha);
                return;
            }
            File.Delete(partial);
            if (resumed && !refetched)
            {
                refetched = true;
                _progress.Warn($"{file.Url}: {problem} after resuming an earlier partial download; fetching it again from scratch.");
                attempt = 0;
                continue;
            }
            throw new DownloadException(
                $"Downloaded {file.Url} but {problem}. The partial file was deleted, so the next run fetches it " +
                "again from scratch; if this repeats, the server copy or the expected size/hash in the manifest is wrong.", file.Url);
        }
    }

    TimeSpan Backoff(int attempt)
    {
        double ms = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxBackoff.TotalMilliseconds));
    }

    static string? Verify(RemoteFile file, string partial)
    {
        long length = new FileInfo(partial).Length;
        if (file.Size is long size && length != size)
            return $"its size is {length} bytes instead of the expected {size}";
        if (file.Sha256 is { } expected)
        {
            string actual;
            using (var s = File.OpenRead(partial)) actual = Convert.ToHexStringLower(SHA256.HashData(s));
            if (!actual.Equals(expected.Trim(), StringComparison.OrdinalIgnoreCase))
                return $"its SHA-256 is {actual} instead of the expected {expected}";
        }
        return null;
    }

    /// <summary>One attempt: request (with Range when resuming), follow a Drive confirm page, append bytes.</summary>
    async Task TransferAsync(RemoteFile file, string partial, Action<long> report, CancellationToken ct)
    {
        long have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have > 0 && file.Size is long size && have == size) return; // finished last time, verify only
        if (have > 0 && file.Size is long size2 && have > size2) { File.Delete(partial); have = 0; }

        var uri = new Uri(file.Url, UriKind.RelativeOrAbsolute);
        for (int hop = 0; ; hop++)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            idle.CancelAfter(_options.IdleTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
                // Only the hub gets the token (never another host); .NET drops it on redirects to the CDN.
                if (file.Source == RemoteSource.HuggingFace && HuggingFaceSource.Token is { } token)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
                var status = response.StatusCode;

                if (status == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    long? total = response.Content.Headers.ContentRange?.Length;
                    if ((file.Size ?? total) == have) return;
                    File.Delete(partial);
                    throw new TransientException($"server refused to resume at byte {have} (HTTP 416); restarting", status);
                }
                CheckStatus(file, status);

                if (file.Source == RemoteSource.GoogleDrive && response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    string html = await response.Content.ReadAsStringAsync(idle.Token).ConfigureAwait(false);
                    var pageUri = response.RequestMessage?.RequestUri ?? (uri.IsAbsoluteUri ? uri : new Uri(_http.BaseAddress!, uri));
                    var next = DriveConfirmPage.FindConfirmUrl(html, pageUri);
                    if (next is null || hop >= 2)
                        throw new DownloadException(
                            $"Google Drive answered {file.Url} with an HTML page instead of the file (download quota " +
                            "exceeded, or the file is not shared publicly). Download it in a browser and place it at " +
                            $"{partial[..^".partial".Length]}, or retry later.", file.Url, status);
                    uri = next;
                    continue;
                }

                bool append = status == HttpStatusCode.PartialContent;
                if (append && response.Content.Headers.ContentRange?.From is long from && from != have)
                {
                    File.Delete(partial);
                    throw new TransientException($"server resumed at byte {from} instead of {have}; restarting", status);
                }
                if (!append && have > 0)
                    _progress.Info($"{file.Url}: the server ignored the resume request; restarting from byte 0.");

                await using var source = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
                await using var target = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write,
                                                        FileShare.None, BufferSize, useAsync: true);
                long done = append ? have : 0;
                // The size the server declared for the whole file: a body that stops short of it is a
                // dropped connection (resumed on the next attempt), never a complete file.
                long? declaredTotal = append ? response.Content.Headers.ContentRange?.Length
                                             : response.Content.Headers.ContentLength;
                report(done);
                var buffer = new byte[BufferSize];
                int n;
                while ((n = await source.ReadAsync(buffer, idle.Token).ConfigureAwait(false)) > 0)
                {
                    idle.CancelAfter(_options.IdleTimeout);
                    await target.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                    done += n;
                    report(done);
                }
                await target.FlushAsync(ct).ConfigureAwait(false);
                if (declaredTotal is long expectedTotal && done != expectedTotal)
                    throw new TransientException($"the server declared {expectedTotal} bytes but the body ended at byte {done}", null);
                return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TransientException($"no data for {_options.IdleTimeout.TotalSeconds:F0} s (timeout)", null);
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                throw new TransientException($"connection error: {e.Message}", null);
            }
            catch (IOException e)
            {
                throw new TransientException($"connection dropped: {e.Message}", null);
            }
        }
    }

    static void CheckStatus(RemoteFile file, HttpStatusCode status)
    {
        int code = (int)status;
        if (code is >= 200 and < 300) return;
        if (code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            throw new TransientException($"HTTP {code} {status}", status);
        string hint = status switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                "the file is not at this address; check the URL, or the mirror set by BBSCORE_DATA_URL / BBSCORE_GCS_URL / BBSCORE_S3_URL / HF_ENDPOINT",
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized when file.Source == RemoteSource.HuggingFace =>
                "access was denied; the repository is gated or private: accept its terms on huggingface.co and set HF_TOKEN to a token with read access",
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized =>
                "access was denied; the object is not public (or the mirror needs credentials)",
            _ => "the server rejected the request",
        };
        throw new DownloadException($"Downloading {file.Url} failed with HTTP {code} ({status}): {hint}.", file.Url, status);
    }

    public void Dispose() => _http.Dispose();

    sealed class TransientException(string message, HttpStatusCode? status) : Exception(message)
    {
        public HttpStatusCode? Status { get; } = status;
    }
}
