using BBScore.Models.Layers;

namespace BBScore.Tests.Models;

public class LayerTableTests
{
    static LayerTable Table(params string[] modules) =>
        new(modules.Select(m => new LayerDefinition(m, "t:" + m)).ToList(), new Dictionary<string, string> { ["raw_tensor"] = "raw_tensor" });

    [Fact]
    public void An_omitted_head_prefix_resolves_when_unambiguous()
    {
        var table = Table("vit.embeddings", "vit.encoder", "vit.encoder.layer.0", "vit.encoder.layer.11");

        Assert.Equal("vit.encoder.layer.11", table.Resolve("encoder.layer.11").Name);
        Assert.Equal("vit.encoder.layer.11", table.Resolve("_orig_mod.encoder.layer.11").Name);
    }

    [Fact]
    public void An_extra_head_prefix_resolves()
    {
        var table = Table("encoder", "encoder.layer.11");

        Assert.Equal("encoder.layer.11", table.Resolve("vit.encoder.layer.11").Name);
    }

    [Fact]
    public void A_short_name_behind_prefixes_of_different_depths_is_ambiguous()
    {
        var table = Table("layer1.fc", "layer2.0.fc");

        var error = Assert.Throws<UnknownNameException>(() => table.Resolve("fc"));

        Assert.Contains("(layer1.fc, layer2.0.fc)", error.Message);
    }

    [Fact]
    public void Ambiguous_names_list_the_candidates()
    {
        var table = Table("text.layer.1", "vision.layer.1");

        var error = Assert.Throws<UnknownNameException>(() => table.Resolve("layer.1"));

        Assert.Contains("text.layer.1", error.Suggestions);
        Assert.Contains("vision.layer.1", error.Suggestions);
        Assert.Contains("several layers", error.Message);
    }

    [Fact]
    public void Aliases_raw_names_and_case_resolve()
    {
        var table = new LayerTable([new LayerDefinition("resnet.encoder.stages.3", ["layer4"], "ReLU393_Output_0")],
            new Dictionary<string, string> { ["ReLU393"] = "ReLU393_Output_0", ["ReLU393_Output_0"] = "ReLU393_Output_0" });

        Assert.Equal("resnet.encoder.stages.3", table.Resolve("layer4").Name);
        Assert.Equal("resnet.encoder.stages.3", table.Resolve("Resnet.Encoder.Stages.3").Name);
        Assert.Equal("ReLU393_Output_0", table.Resolve("ReLU393").Name);
    }
}

public sealed class OriginalLayerAliasesTests
{
    [Fact]
    public void HubResNetsAnswerToTheOriginalsStageAliases()
    {
        LayerDefinition[] modules =
        [
            new("resnet.encoder.stages.0", "/resnet/encoder/stages.0/Relu_output_0"),
            new("resnet.encoder.stages.3", "/resnet/encoder/stages.3/Relu_output_0"),
            new("classifier", "/classifier/Gemm_output_0"),
        ];
        var table = new LayerTable(OriginalLayerAliases.Apply(modules, "resnet50"), new Dictionary<string, string>());

        Assert.Equal("resnet.encoder.stages.3", table.Resolve("layer4").Name);
        Assert.Equal("resnet.encoder.stages.0", table.Resolve("layer1").Name);
        Assert.Equal("resnet.encoder.stages.3", table.Resolve("_orig_mod.resnet.encoder.stages.3").Name);
        Assert.Throws<UnknownNameException>(() => new LayerTable(OriginalLayerAliases.Apply(modules, "dinov2_base"), new Dictionary<string, string>()).Resolve("layer4"));
    }

    [Fact]
    public void Dinov2AnswersToMetasBlockNamesAsTheLectureWritesThem()
    {
        LayerDefinition[] modules =
        [
            new("encoder.layer.0", "/encoder/layer.0/Add_1_output_0"),
            new("encoder.layer.11", "/encoder/layer.11/Add_1_output_0"),
        ];
        var table = new LayerTable(OriginalLayerAliases.Apply(modules, "dinov2_base"), new Dictionary<string, string>());

        Assert.Equal("encoder.layer.11", table.Resolve("blocks.11").Name);
        Assert.Equal("encoder.layer.0", table.Resolve("_orig_mod.blocks.0").Name);
        Assert.Equal("encoder.layer.11", table.Resolve("encoder.layer.11").Name);
        Assert.Throws<UnknownNameException>(() => table.Resolve("blocks.12")); // the base model has 12 blocks, 0..11
        Assert.Throws<UnknownNameException>(() => new LayerTable(OriginalLayerAliases.Apply(modules, "vit_base"), new Dictionary<string, string>()).Resolve("blocks.11"));
    }
}
