using System.Diagnostics;

namespace BBScore.Fuzz;

/// <summary>Runs one reader on one input: refusals (<see cref="Readers.IsRefusal"/>) are fine, anything
/// else propagates, which SharpFuzz reports to afl-fuzz as a crash.</summary>
public static class Harness
{
    static string? _dir;

    /// <summary>This process's scratch folder (one per process: afl runs one input at a time in it).</summary>
    public static string ScratchDir
    {
        get
        {
            if (_dir is null)
            {
                string root = Environment.GetEnvironmentVariable("BBSCORE_FUZZ_TMP") ?? Path.GetTempPath();
                _dir = Path.Combine(root, $"bbscore-fuzz-{Environment.ProcessId}");
                if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
                Directory.CreateDirectory(_dir);
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                };
            }
            return _dir;
        }
    }

    /// <summary>The reader's input path: the same file for every input of this process.</summary>
    public static string InputPath(Reader reader) => Path.Combine(ScratchDir, "input" + reader.Extension);

    public static void RunOne(Reader reader, byte[] input)
    {
        string path = InputPath(reader);
        File.WriteAllBytes(path, input);
        try
        {
            reader.Read(input, path);
        }
        catch (Exception e) when (Readers.IsRefusal(reader, e))
        {
            // The reader refused the input as it should.
        }
    }

    /// <summary>"ok", or "ExceptionType at Type.Method: message" for a crash.</summary>
    public static string Triage(Reader reader, byte[] input)
    {
        try
        {
            RunOne(reader, input);
            return "ok";
        }
        catch (Exception e)
        {
            return Describe(e);
        }
    }

    public static string Describe(Exception e)
    {
        string message = e.Message.ReplaceLineEndings(" ");
        if (message.Length > 200) message = message[..200] + "...";
        string inner = e.InnerException is { } i && e is System.Reflection.TargetInvocationException or AggregateException or TypeInitializationException
            ? $" (inner {Describe(i)})" : "";
        return $"{e.GetType().FullName} at {TopFrame(e)}: {message}{inner}";
    }

    /// <summary>The throwing frame, plus the first BBScore frame when the throw is inside a library.</summary>
    public static string TopFrame(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod()).Where(m => m is not null).Select(m => $"{m!.DeclaringType?.FullName}.{m.Name}").ToList();
        if (frames.Count == 0) return "?";
        string? ours = frames.FirstOrDefault(f => f.StartsWith("BBScore.", StringComparison.Ordinal) && !f.StartsWith("BBScore.Fuzz.", StringComparison.Ordinal));
        return ours is null || ours == frames[0] ? frames[0] : $"{frames[0]} < {ours}";
    }
}
