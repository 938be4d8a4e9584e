using BBScore.Progress;

namespace BBScore.Data.Download;

/// <summary>A cross-process lock on <c>&lt;file&gt;.lock</c>: an exclusively opened file (the
/// runtime takes an OS advisory lock for <see cref="FileShare.None"/>). The lock file is left in
/// place on release: deleting it would let a waiting process and a newcomer lock two different files.</summary>
public sealed class FileLock : IDisposable
{
    readonly FileStream _stream;

    FileLock(FileStream stream) => _stream = stream;

    /// <param name="activity">What the holder is doing to the file, for the waiting message ("downloading").</param>
    public static FileLock Acquire(string targetPath, TimeSpan timeout, TimeSpan poll, IProgressSink progress,
                                   CancellationToken ct, string activity = "downloading")
    {
        string lockPath = targetPath + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var deadline = DateTime.UtcNow + timeout;
        bool told = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    progress.Info($"Another process is {activity} {targetPath} (lock {lockPath}); waiting up to {timeout.TotalMinutes:F0} min.");
                    told = true;
                }
                ct.WaitHandle.WaitOne(poll);
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"Timed out after {timeout} waiting for another process that is {activity} {targetPath} " +
                    $"(it holds {lockPath}). If no such process is running, delete {lockPath} and retry.", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
