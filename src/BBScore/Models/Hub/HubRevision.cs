namespace BBScore.Models.Hub;

/// <summary>What a hub revision string is. A commit (40 hex digits) names fixed bytes; anything else (a branch
/// such as <c>main</c>, or a tag) can move when the repository is pushed to, so it is pinned to a commit on
/// first download (see <see cref="HubRevisionPin"/>).</summary>
public static class HubRevision
{
    public static bool IsCommit(string revision) =>
        revision.Length == 40 && revision.All(Uri.IsHexDigit);

    /// <summary>Rejects revisions that cannot name one folder (they become <c>hub/&lt;owner&gt;--&lt;name&gt;/&lt;revision&gt;</c>);
    /// commits are lower-cased so one commit never gets two folders.</summary>
    public static string Checked(string revision, string what)
    {
        if (revision.Length == 0 || revision.Contains('/') || revision.Contains('\\') || revision.Contains("..", StringComparison.Ordinal)
            || revision == HubRevisionPin.FolderName)
            throw new ArgumentException($"{what}: '{revision}' is not a usable hub revision (a branch or tag without '/', or a 40-hex commit).");
        return IsCommit(revision) ? revision.ToLowerInvariant() : revision;
    }
}
