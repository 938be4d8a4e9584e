namespace BBScore.Models.Hub;

/// <summary>Offline mode, and a hub model's files are not on disk. An <see cref="InvalidOperationException"/> so
/// the CLI prints its message (the command to run and where the files go) instead of a stack trace.</summary>
public sealed class HubModelUnavailableException(HubModelFiles files)
    : InvalidOperationException(
        $"Model '{files.Key}' is not downloaded yet and offline mode forbids downloading it. Run " +
        $"'bbscore download --model {files.Key}' (or run without --offline) to fetch {files.File} from the Hugging Face " +
        $"hub repository {files.Repo} at revision {files.Revision} to {files.GraphPath}.")
{
    public HubModelFiles Files { get; } = files;
}
