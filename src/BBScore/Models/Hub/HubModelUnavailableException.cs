namespace BBScore.Models.Hub;

/// <summary>Offline mode, and a hub model's files are not on disk. An <see cref="InvalidOperationException"/> so
/// the CLI prints its message (the command to run and where the files go) instead of a stack trace.</summary>
public sealed class HubModelUnavailableException(HubModelFiles files)
    : InvalidOperationException(
        $"Model '{files.Key}' is not downloaded yet and offline mode forbids downloading it. Run " +
        $"'bbscore download --model {files.Key}' (or run without --offline) to fetch {files.File} from the Hugging Face " +
        $"hub repository {files.Repo} " + Destination(files) + ".")
{
    public HubModelFiles Files { get; } = files;

    // An unpinned branch is fetched at the commit it points to when downloaded, into that commit's folder.
    static string Destination(HubModelFiles files) => files.IsPinned
        ? $"at commit {files.Revision} to {files.GraphPath}"
        : $"at the commit '{files.Revision}' points to when downloaded (pinned from then on), to {Path.Combine(files.RepoDir, "<commit>", files.File.Replace('/', Path.DirectorySeparatorChar))}";
}
