using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>Where a hub card's files go: one folder per repository and revision, the config beside the graph.</summary>
public sealed class HubModelFilesTests
{
    [Fact]
    public void Files_go_under_hub_owner_name_revision_with_the_config_beside_the_graph()
    {
        using var home = new TempDir();
        var files = HubModelFiles.For(ModelCards.Find("sam_base")!, home.Path);

        string root = Path.Combine(home.Path, "hub", "Xenova--sam-vit-base", "main");
        Assert.Equal(root, files.RevisionDir);
        Assert.Equal(Path.Combine(root, "onnx", "vision_encoder.onnx"), files.GraphPath);
        Assert.Equal(Path.Combine(root, "onnx", "preprocessor_config.json"), files.ConfigPath);
        Assert.Equal("onnx", files.GraphFolderInRepo);
        Assert.False(files.IsComplete);
        Assert.Throws<ArgumentException>(() => files.InRevisionDir("../escape.onnx"));
    }

    [Fact]
    public void A_commit_in_the_card_gets_its_own_folder_and_only_hub_cards_have_files()
    {
        using var home = new TempDir();
        var card = ModelCards.Find("dinov2_base")!;
        const string commit = "0123456789abcdef0123456789abcdef01234567";
        var pinned = card with { Source = card.Source with { Revision = commit.ToUpperInvariant() } };

        var files = HubModelFiles.For(pinned, home.Path);
        Assert.EndsWith(Path.Combine("Xenova--dinov2-base", commit), files.RevisionDir); // one folder per commit, any case
        Assert.True(files.IsPinned);
        Assert.Null(files.Branch);
        Assert.Contains("@" + commit.ToUpperInvariant(), pinned.Source.ToString());
        Assert.Throws<ArgumentException>(() => HubModelFiles.For(ModelCards.Find("resnet18")!, home.Path));
        Assert.Throws<ArgumentException>(() => HubModelFiles.For(card with { Source = card.Source with { Revision = "refs" } }, home.Path));
    }

    [Fact]
    public void A_pinned_branch_reads_its_commit_from_the_pin_file_and_the_first_pin_wins()
    {
        using var home = new TempDir();
        var card = ModelCards.Find("sam_base")!;
        const string first = "0123456789abcdef0123456789abcdef01234567", second = "fedcba9876543210fedcba9876543210fedcba98";
        var unpinned = HubModelFiles.For(card, home.Path);
        Assert.False(unpinned.IsPinned);
        Assert.Equal("main", unpinned.Branch);

        Assert.Equal(first, HubRevisionPin.Write(unpinned.RepoDir, "main", first, replace: false));
        Assert.Equal(first, HubRevisionPin.Write(unpinned.RepoDir, "main", second, replace: false)); // kept: another process pinned first
        var pinned = HubModelFiles.For(card, home.Path);
        Assert.Equal(Path.Combine(home.Path, "hub", "Xenova--sam-vit-base", first), pinned.RevisionDir);
        Assert.Equal(("main", "Xenova/sam-vit-base@" + first), (pinned.Branch, pinned.Provenance));

        Assert.Equal(second, HubRevisionPin.Write(unpinned.RepoDir, "main", second, replace: true));
        Assert.EndsWith(second, HubModelFiles.For(card, home.Path).RevisionDir);
        Assert.Single(Directory.GetFiles(Path.Combine(unpinned.RepoDir, HubRevisionPin.FolderName))); // no temp files left

        File.WriteAllText(HubRevisionPin.PathFor(unpinned.RepoDir, "main"), "not a commit");
        var error = Assert.Throws<BrokenPinException>(() => HubModelFiles.For(card, home.Path));
        Assert.Contains("--revision", error.Message);
    }
}
