using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Models.Hub;

/// <summary>The files of a hub card at one fixed commit, and their local paths (the graph first).</summary>
public sealed record HubSnapshot(HubModelFiles Files, IReadOnlyList<string> Paths);

/// <summary>Keeps a hub card's files at one commit. A card naming a branch (<c>main</c>) has it looked up once, on
/// the first download (<see cref="HubCommitResolver"/>); every file is then fetched at that commit
/// (<c>resolve/&lt;commit&gt;/…</c>, so a push between two files cannot mix versions) and the branch is pinned to it
/// (<see cref="HubRevisionPin"/>) only once all are on disk. <see cref="Pin"/> moves a pin on request. A server that
/// names no commit gets the branch, unpinned, with one warning that names the fix.</summary>
public sealed class HubModelPinning(Downloader downloader, IProgressSink? progress = null, HuggingFaceSource? source = null)
{
    readonly IProgressSink _progress = progress ?? SilentProgress.Instance;
    readonly HubModelFetcher _fetcher = new(downloader, progress, source);

    /// <summary>The files as pinned on disk, fetched first when missing (offline: <see cref="HubModelUnavailableException"/>).</summary>
    public HubSnapshot Ensure(HubModelFiles files, bool offline = false, CancellationToken ct = default)
    {
        if (files.IsComplete || offline || files.IsPinned)
        {
            if (files.IsComplete && !files.IsPinned)
                _progress.Info($"{files.Key}: using {files.Provenance}, downloaded without a pinned commit into {files.RevisionDir}. " +
                    $"Pin it with 'bbscore download --model {files.Key} --revision {files.Revision}' (fetches the branch's current commit) or '--revision <commit>'.");
            return new HubSnapshot(files, _fetcher.Ensure(files, offline, ct));
        }
        var (commit, problem) = Resolve(files, files.Revision, ct);
        if (commit is null)
        {
            _progress.Warn($"{files.Key}: cannot pin {files.Repo}@{files.Revision} to a commit ({problem}); downloading the branch unpinned " +
                $"into {files.RevisionDir}, so an upstream push could change the model for the next download. " +
                $"Fix: 'bbscore download --model {files.Key} --revision <commit>' with the 40-hex commit from the repository's history.");
            return new HubSnapshot(files, _fetcher.Ensure(files, offline: false, ct));
        }
        return FetchAndPin(files.AtCommit(commit), replace: false, ct);
    }

    /// <summary>Points the card's branch at <paramref name="revision"/> (a commit, or a branch looked up now), after
    /// fetching every file of that commit. Offline, only a commit whose files are all on disk can be pinned.</summary>
    public HubSnapshot Pin(HubModelFiles files, string revision, bool offline = false, CancellationToken ct = default)
    {
        if (files.Branch is null)
            throw new ArgumentException($"Model '{files.Key}' names the commit {files.Revision} in its card, so it has no branch pin to move; --revision applies to cards that follow a branch.");
        revision = HubRevision.Checked(revision, "--revision");
        string? commit = HubRevision.IsCommit(revision) ? revision : null;
        if (commit is null && offline)
            throw new ArgumentException($"--revision {revision} is a branch or tag; looking up its commit needs the network. Run without --offline, or give the 40-hex commit.");
        if (commit is null)
        {
            (commit, string problem) = Resolve(files, revision, ct);
            if (commit is null)
                throw new InvalidOperationException($"Cannot look up the commit of {files.Repo}@{revision} ({problem}). " +
                    "Give the 40-hex commit instead (--revision <commit>), taken from the repository's history on the hub.");
        }
        var target = files.AtCommit(commit);
        if (offline) _fetcher.Ensure(target, offline: true, ct); // throws with the command to run when files are missing
        return FetchAndPin(target, replace: true, ct);
    }

    HubSnapshot FetchAndPin(HubModelFiles target, bool replace, CancellationToken ct)
    {
        var paths = _fetcher.Ensure(target, offline: false, ct);
        // Written only now that the stamp says every file is there: an interrupted download leaves no pin behind.
        string pinned = HubRevisionPin.Write(target.RepoDir, target.Branch!, target.Revision, replace);
        if (pinned != target.Revision)
        {
            // Another process resolved the branch first and keeps its pin: use its files (complete before it pinned), as later runs will.
            var winner = target.AtCommit(pinned);
            return new HubSnapshot(winner, _fetcher.Ensure(winner, offline: false, ct));
        }
        _progress.Info($"{target.Key}: pinned {target.Repo}@{target.Branch} to commit {target.Revision} " +
            $"({HubRevisionPin.PathFor(target.RepoDir, target.Branch!)}); later runs use this commit until " +
            $"'bbscore download --model {target.Key} --revision <commit-or-branch>' moves the pin.");
        return new HubSnapshot(target, paths);
    }

    (string? Commit, string Problem) Resolve(HubModelFiles files, string revision, CancellationToken ct)
    {
        // Read HF_ENDPOINT now rather than at construction, so a mirror set after start-up is honoured.
        using var resolver = new HubCommitResolver(source ?? new HuggingFaceSource());
        return resolver.Resolve(files.Repo, revision, files.CommitProbeFile, ct);
    }
}
