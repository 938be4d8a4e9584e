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
    public void A_pinned_revision_gets_its_own_folder_and_only_hub_cards_have_files()
    {
        using var home = new TempDir();
        var card = ModelCards.Find("dinov2_base")!;
        var pinned = card with { Source = card.Source with { Revision = "0123abcd" } };

        Assert.EndsWith(Path.Combine("Xenova--dinov2-base", "0123abcd"), HubModelFiles.For(pinned, home.Path).RevisionDir);
        Assert.Contains("@0123abcd", pinned.Source.ToString());
        Assert.Throws<ArgumentException>(() => HubModelFiles.For(ModelCards.Find("resnet18")!, home.Path));
    }
}
