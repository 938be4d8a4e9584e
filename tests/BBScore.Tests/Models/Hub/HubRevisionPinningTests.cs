using System.Net;
using BBScore.Data.Download;
using BBScore.Features;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>A hub card that follows a branch is pinned to the branch's commit on its first download: every file is
/// fetched at that commit, the pin is written last, later opens never look the branch up again, and the commit is
/// part of the model's identity. A server that names no commit gets the branch, unpinned, with one warning.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubRevisionPinningTests
{
    public const string CommitA = "0123456789abcdef0123456789abcdef01234567";
    public const string CommitB = "fedcba9876543210fedcba9876543210fedcba98";

    static EnvironmentVariableScope Endpoint(HubMirror mirror) =>
        new((HuggingFaceSource.EndpointVariable, mirror.BaseUrl), (HuggingFaceSource.TokenVariable, null));

    static ModelCard Card => ModelCards.Find(HubMirror.Key)!;

    public static string RepoDir(string models) => Path.Combine(models, "hub", "Xenova--dinov2-base");

    public static string PinFile(string models) => Path.Combine(RepoDir(models), "refs", "main");

    static IFeatureModel Open(string models, IProgressSink? progress = null, bool offline = false) =>
        ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions { Progress = progress ?? SilentProgress.Instance, Offline = offline }, models);

    static string CacheHash(IFeatureModel model) => FeatureCacheKey.For(model.Identity, "layer1", "set", "hash", "none").Hash;

    [Fact]
    public void The_first_download_pins_main_and_fetches_every_file_at_that_commit()
    {
        using var mirror = new HubMirror(externalData: true) { Commit = CommitA };
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        using (var model = Open(models))
            Assert.EndsWith($"; weights: hub {HubMirror.Repo}@{CommitA}", model.Identity.Preprocessing, StringComparison.Ordinal);

        Assert.Equal(CommitA, File.ReadAllText(PinFile(models)).Trim());
        Assert.Equal(0, mirror.RequestsAt(HubMirror.Branch)); // the branch was only looked up, never downloaded from
        Assert.Equal((1, 1, 1), (mirror.Requests(HubMirror.Graph, CommitA), mirror.Requests(HubMirror.ExternalData, CommitA), mirror.Requests(HubMirror.Config, CommitA)));
        string graphDir = Path.Combine(RepoDir(models), CommitA, "onnx");
        Assert.Equal(mirror.Files[HubMirror.ExternalData], File.ReadAllBytes(Path.Combine(graphDir, "model.onnx_data")));
        Assert.False(Directory.Exists(Path.Combine(RepoDir(models), HubMirror.Branch)));
        Assert.Equal("ready (downloaded)", Card.Status(models));
        Assert.EndsWith($"(pinned: {CommitA})", Card.Summary(models).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_pin_file_is_reported_in_its_row_of_the_model_list()
    {
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        Directory.CreateDirectory(Path.GetDirectoryName(PinFile(models))!);
        File.WriteAllText(PinFile(models), "not a commit\n");

        var row = Card.Summary(models);
        Assert.Equal($"broken pin file: delete {PinFile(models)}", row.Status);
        Assert.Equal(Card.Source.ToString(), row.Source); // opening it still refuses, with the fix (HubModelFilesTests)
    }

    [Fact]
    public void Later_opens_read_the_pin_and_do_not_follow_a_moved_branch()
    {
        using var mirror = new HubMirror { Commit = CommitA };
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        Open(models).Dispose();
        int before = mirror.TotalRequests;

        mirror.Push(CommitB, files => files[HubMirror.Config] = "{}"u8.ToArray());
        using var again = Open(models);

        Assert.Equal(before, mirror.TotalRequests); // no look-up, no download
        Assert.Contains($"@{CommitA}", again.Identity.Preprocessing, StringComparison.Ordinal);
        Assert.Equal(CommitA, File.ReadAllText(PinFile(models)).Trim());
    }

    /// <summary>The commit comes from the hub's redirect to its CDN (the CDN's own answer names none), or, from a
    /// server that sends no commit header, from the revision API.</summary>
    [Theory]
    [InlineData(true, true, false)]
    [InlineData(false, false, true)]
    public void The_commit_is_found_where_the_server_gives_it(bool redirectsToCdn, bool sendsCommitHeader, bool answersRevisionApi)
    {
        using var mirror = new HubMirror
        {
            Commit = CommitA, RedirectsToCdn = redirectsToCdn, SendsCommitHeader = sendsCommitHeader, AnswersRevisionApi = answersRevisionApi,
        };
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        using var model = Open(models);

        Assert.Equal(CommitA, File.ReadAllText(PinFile(models)).Trim());
        Assert.Equal(1, mirror.Requests(HubMirror.Graph, CommitA));
        Assert.Equal(mirror.Files[HubMirror.Graph], File.ReadAllBytes(Path.Combine(RepoDir(models), CommitA, "onnx", "model.onnx")));
    }

    [Fact]
    public void A_server_that_names_no_commit_gets_the_branch_unpinned_with_one_warning()
    {
        using var mirror = new HubMirror { Commit = CommitA, SendsCommitHeader = false };
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        var log = new StringWriter();

        using (var model = Open(models, new PlainProgress(log)))
            Assert.EndsWith($"@{HubMirror.Branch} (unpinned)", model.Identity.Preprocessing, StringComparison.Ordinal);

        var warning = Assert.Single(log.ToString().Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("bbscore download --model dinov2_base --revision <commit>", warning, StringComparison.Ordinal);
        Assert.False(File.Exists(PinFile(models)));
        Assert.Equal(1, mirror.Requests(HubMirror.Graph, HubMirror.Branch));
        Assert.True(File.Exists(Path.Combine(RepoDir(models), HubMirror.Branch, "onnx", "model.onnx")));
    }

    [Fact]
    public void Files_from_before_pinning_keep_working_unpinned_without_the_network_and_say_how_to_pin()
    {
        using var mirror = new HubMirror(); // an old server: no commits, so the files land in main/ as before pinning
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        Open(models).Dispose();
        mirror.Commit = CommitA;
        int before = mirror.TotalRequests;
        var log = new StringWriter();

        using (var model = Open(models, new PlainProgress(log), offline: true))
            Assert.EndsWith("@main (unpinned)", model.Identity.Preprocessing, StringComparison.Ordinal);

        Assert.Equal(before, mirror.TotalRequests);
        Assert.Contains("--revision main", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_download_leaves_no_pin_and_the_next_one_pins()
    {
        using var mirror = new HubMirror { Commit = CommitA };
        mirror.Failures[HubMirror.Config] = HttpStatusCode.Forbidden;
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        Assert.Throws<DownloadException>(() => Open(models));
        Assert.False(File.Exists(PinFile(models)));
        Assert.Equal("hub (download on first use)", Card.Status(models));

        mirror.Failures.Clear();
        Open(models).Dispose();
        Assert.Equal(CommitA, File.ReadAllText(PinFile(models)).Trim());
        Assert.Equal(1, mirror.Requests(HubMirror.Graph, CommitA)); // the graph fetched before the failure was kept
    }

    [Fact]
    public void A_card_naming_a_commit_is_fetched_at_it_without_a_look_up_or_a_pin()
    {
        using var mirror = new HubMirror { Commit = CommitB };
        mirror.Push(CommitA); // main moved on; the card still names B
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        var card = Card with { Source = Card.Source with { Revision = CommitB.ToUpperInvariant() } };

        using (var model = HubModel.Open(card, new ModelOpenOptions(), models))
            Assert.EndsWith($"@{CommitB}", model.Identity.Preprocessing, StringComparison.Ordinal);

        Assert.Equal(mirror.TotalRequests, mirror.RequestsAt(CommitB)); // downloads only: no HEAD, no API call
        Assert.False(Directory.Exists(Path.Combine(RepoDir(models), "refs")));
        Assert.Throws<ArgumentException>(() => HubModel.Download(card, models, new ModelOpenOptions(), revision: CommitA));
    }

    [Fact]
    public void Features_of_two_commits_never_share_a_cache_key_even_with_identical_bytes()
    {
        using var mirror = new HubMirror { Commit = CommitA };
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        string atA, atB, weightsA, weightsB;
        using (var model = Open(models)) (atA, weightsA) = (CacheHash(model), model.Identity.WeightsHash);

        mirror.Push(CommitB); // the same bytes under a new commit
        HubModel.Download(Card, models, new ModelOpenOptions(), revision: HubMirror.Branch);
        using (var model = Open(models)) (atB, weightsB) = (CacheHash(model), model.Identity.WeightsHash);

        Assert.Equal(weightsA, weightsB);
        Assert.NotEqual(atA, atB);
    }
}
