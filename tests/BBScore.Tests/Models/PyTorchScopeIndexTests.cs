using BBScore.Models.Onnx;
using Onnx;

namespace BBScore.Tests.Models;

public class PyTorchScopeIndexTests
{
    [Fact]
    public void Repeated_prefix_segments_are_full_module_paths()
    {
        Assert.Equal(["layer4", "layer4.1", "layer4.1.relu_1"], PyTorchScopeIndex.ModulePaths("/layer4/layer4.1/relu_1/Relu"));
    }

    [Fact]
    public void Plain_segments_are_relative_to_the_enclosing_module()
    {
        Assert.Equal(
            ["encoder", "encoder.layer.11", "encoder.layer.11.attention", "encoder.layer.11.attention.attention", "encoder.layer.11.attention.attention.query"],
            PyTorchScopeIndex.ModulePaths("/encoder/layer.11/attention/attention/query/MatMul"));
    }

    [Fact]
    public void Both_styles_mix_in_one_path()
    {
        var paths = PyTorchScopeIndex.ModulePaths("/resnet/encoder/stages.0/layers/layers.0/layer/layer.0/convolution/Conv");

        Assert.Equal("resnet.encoder.stages.0.layers", paths[3]);
        Assert.Equal("resnet.encoder.stages.0.layers.0", paths[4]);
        Assert.Equal("resnet.encoder.stages.0.layers.0.layer.0.convolution", paths[^1]);
    }

    [Theory]
    [InlineData("Conv_0")]
    [InlineData("/Flatten")]
    [InlineData("")]
    public void Nodes_outside_module_scopes_belong_to_no_module(string nodeName)
    {
        Assert.Empty(PyTorchScopeIndex.ModulePaths(nodeName));
    }

    [Fact]
    public void A_module_called_twice_outputs_its_last_call_and_its_parent_the_last_node()
    {
        var graph = new GraphProto();
        foreach (var (name, op) in new[] { ("/layer4/layer4.1/relu/Relu", "Relu"), ("/layer4/layer4.1/Add", "Add"), ("/layer4/layer4.1/relu_1/Relu", "Relu"), ("/layer4/Shape", "Shape") })
        {
            var node = new NodeProto { Name = name, OpType = op };
            node.Output.Add(name + "_output_0");
            graph.Node.Add(node);
        }

        var modules = PyTorchScopeIndex.Build(graph).ToDictionary(m => m.Name, m => m.Tensor);

        Assert.Equal(["layer4", "layer4.1", "layer4.1.relu"], modules.Keys);
        Assert.Equal("/layer4/layer4.1/relu_1/Relu_output_0", modules["layer4.1.relu"]);
        Assert.Equal("/layer4/layer4.1/relu_1/Relu_output_0", modules["layer4"]); // the Shape node is bookkeeping, not an output
    }
}
