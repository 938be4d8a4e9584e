using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Tests.Support;
using static BBScore.Tests.Models.Hub.HubRevisionPinningTests;

namespace BBScore.Tests.Models.Hub;

/// <summary>`bbscore download --model &lt;key&gt; --revision &lt;commit-or-branch&gt;` moves a hub model's pin, and the
/// pinned commit shows in `download` and `layers`.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubRevisionCliTests
{
    static EnvironmentVariableScope Endpoint(HubMirror mirror) =>
        new((HuggingFaceSource.EndpointVariable, mirror.BaseUrl), (HuggingFaceSource.TokenVariable, null));

    static string Pin(DataHome home) => File.ReadAllText(PinFile(home.ModelsDir)).Trim();

    [Fact]
    public void Revision_moves_the_pin_to_a_branch_head_or_back_to_a_downloaded_commit_offline()
    {
        using var mirror = new HubMirror { Commit = CommitA };
        using var env = Endpoint(mirror);
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var (code, output, error) = CliRun.Run(home, "download", "--model", HubMirror.Key);
        Assert.True(code == 0, error);
        Assert.Contains($"revision: {HubMirror.Repo}@{CommitA} ('main' pinned in {PinFile(home.ModelsDir)})", output, StringComparison.Ordinal);

        mirror.Push(CommitB);
        (code, output, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--revision", "main");
        Assert.True(code == 0, error);
        Assert.Equal(CommitB, Pin(home));
        Assert.Equal(1, mirror.Requests(HubMirror.Graph, CommitB));
        Assert.Contains(Path.Combine(RepoDir(home.ModelsDir), CommitB, "onnx", "model.onnx"), output, StringComparison.Ordinal);

        int before = mirror.TotalRequests;
        (code, _, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--revision", CommitA, "--offline");
        Assert.True(code == 0, error);
        Assert.Equal(CommitA, Pin(home));
        Assert.Equal(before, mirror.TotalRequests);

        var (layersCode, layersOut, layersErr) = CliRun.Run(home, "layers", HubMirror.Key);
        Assert.True(layersCode == 0, layersErr);
        Assert.Contains($"weights: hub {HubMirror.Repo}@{CommitA}", layersOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_pins_files_fetched_unpinned_and_refuses_what_it_cannot_pin()
    {
        using var mirror = new HubMirror(); // no commits: the first download is unpinned, in main/
        using var env = Endpoint(mirror);
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        Assert.Equal(0, CliRun.Run(home, "download", "--model", HubMirror.Key).Code);

        var (code, _, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--revision", "main");
        Assert.Equal(1, code);
        Assert.Contains("--revision <commit>", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PinFile(home.ModelsDir)));

        (code, _, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--revision", "main", "--offline");
        Assert.Equal(2, code);
        Assert.Contains("needs the network", error, StringComparison.Ordinal);

        (code, _, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--model", "dinov2_large", "--revision", CommitA);
        Assert.Equal(2, code);
        Assert.Contains("exactly one --model", error, StringComparison.Ordinal);

        mirror.Commit = CommitA; // the server learns commits: now the branch can be pinned
        (code, var output, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--revision", "main");
        Assert.True(code == 0, error);
        Assert.Equal(CommitA, Pin(home));
        Assert.Contains($"revision: {HubMirror.Repo}@{CommitA}", output, StringComparison.Ordinal);
    }
}
