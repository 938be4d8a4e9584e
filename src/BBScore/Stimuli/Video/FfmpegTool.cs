using System.ComponentModel;
using System.Diagnostics;

namespace BBScore.Stimuli.Video;

/// <summary>Runs the ffmpeg / ffprobe command-line tools (clips and non-WAV sounds are decoded by them,
/// not by a NuGet binding: piping raw frames from the CLI is fast and needs no native package).
/// Standard output is read as bytes; standard error is kept for the error message.</summary>
public static class FfmpegTool
{
    /// <summary>What to tell a user without ffmpeg.</summary>
    public const string InstallHint =
        "install ffmpeg so that 'ffmpeg' and 'ffprobe' are on PATH (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg)";

    /// <summary>Runs <paramref name="tool"/> and returns its standard output. A missing tool is an
    /// <see cref="InvalidOperationException"/> with the install hint; a failed run (corrupt or unreadable
    /// file) is an <see cref="InvalidDataException"/> naming <paramref name="file"/> and ffmpeg's own message.</summary>
    public static byte[] Run(string tool, IReadOnlyList<string> arguments, string file) =>
        Run(tool, arguments, file, output =>
        {
            using var bytes = new MemoryStream();
            output.CopyTo(bytes);
            return bytes.ToArray();
        });

    /// <summary>Runs <paramref name="tool"/> with <paramref name="read"/> consuming its standard output as it is
    /// written (buffered), so large outputs never sit in memory whole. Errors as <see cref="Run(string, IReadOnlyList{string}, string)"/>;
    /// the tool's failure is reported in preference to what <paramref name="read"/> made of its cut-off output, and a
    /// tool still running when <paramref name="read"/> throws is killed.</summary>
    public static T Run<T>(string tool, IReadOnlyList<string> arguments, string file, Func<Stream, T> read)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{tool}' could not be started; {InstallHint}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' was not found ({e.Message}); it is needed to decode {file}: {InstallHint}.", e);
        }
        using (process)
        {
            process.StandardInput.Close(); // ffmpeg must never wait for a keypress
            // Standard error is drained concurrently: a full stderr pipe would block ffmpeg while we read stdout.
            var error = process.StandardError.ReadToEndAsync();
            T result;
            try
            {
                using var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
                result = read(output);
            }
            catch (Exception readFailure) when (readFailure is InvalidDataException or IOException)
            {
                bool stillRunning = !process.HasExited;
                if (stillRunning) process.Kill();
                process.WaitForExit();
                if (!stillRunning) ThrowIfFailed(tool, file, process, error); // its own failure explains the cut-off output
                throw;
            }
            process.WaitForExit();
            ThrowIfFailed(tool, file, process, error);
            return result;
        }
    }

    static void ThrowIfFailed(string tool, string file, Process process, Task<string> error)
    {
        string message = error.GetAwaiter().GetResult().Trim();
        if (process.ExitCode != 0)
            throw new InvalidDataException(
                $"{file}: {tool} could not decode it (exit code {process.ExitCode}): {LastLines(message)}. The file may be damaged or in an unsupported format; re-encode it (e.g. to MP4/H.264 or WAV) or remove it from the stimulus list.");
    }

    static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : string.Join(" | ", lines.TakeLast(3));
    }
}
