namespace BBScore.Models.Hub;

/// <summary>The commit a branch of a hub repository was pinned to, one small file per branch:
/// <c>&lt;models&gt;/hub/&lt;owner&gt;--&lt;name&gt;/refs/&lt;branch&gt;</c> holding the 40-hex commit (the layout of the
/// Hugging Face cache's own <c>refs/</c>). Once it exists a branch is never looked up again, so an upstream push
/// cannot silently change a model between runs or users; only <c>bbscore download --revision</c> moves it. It is
/// written only after every file of that commit is on disk, and atomically, so it never points at a partial
/// download. (Not <c>&lt;branch&gt;.lock</c>: the downloader's cross-process locks are <c>&lt;file&gt;.lock</c>.)</summary>
public static class HubRevisionPin
{
    public const string FolderName = "refs";

    public static string PathFor(string repoDir, string branch) => Path.Combine(repoDir, FolderName, branch);

    /// <summary>The pinned commit, or null when the branch has no pin yet.</summary>
    public static string? Read(string repoDir, string branch)
    {
        string path = PathFor(repoDir, branch);
        if (!File.Exists(path)) return null;
        string commit = File.ReadAllText(path).Trim();
        if (!HubRevision.IsCommit(commit))
            throw new BrokenPinException(path,
                $"The pin file {path} should hold the 40-hex commit that '{branch}' is pinned to, but holds '{Shorten(commit)}'. " +
                "Delete it (the next download looks the branch up again), or pin explicitly with 'bbscore download --model <key> --revision <commit>'.");
        return commit.ToLowerInvariant();
    }

    /// <summary>Pins <paramref name="branch"/> to <paramref name="commit"/> and returns the pin now in force. With
    /// <paramref name="replace"/> false a pin written meanwhile (another process that resolved the branch first) is
    /// kept: the first pin wins, so two processes never flip it back and forth.</summary>
    public static string Write(string repoDir, string branch, string commit, bool replace)
    {
        string path = PathFor(repoDir, branch);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Temp file + rename: a reader sees the old pin or the new one, never half a line.
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, commit + "\n");
        try
        {
            File.Move(temp, path, overwrite: replace);
            return commit;
        }
        catch (IOException) when (!replace && File.Exists(path))
        {
            File.Delete(temp);
            return Read(repoDir, branch)!;
        }
    }

    static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

/// <summary>A pin file that does not hold a commit (edited by hand, or another tool's file); the message says how to fix it.</summary>
public sealed class BrokenPinException(string pinPath, string message) : InvalidOperationException(message)
{
    public string PinPath => pinPath;
}
