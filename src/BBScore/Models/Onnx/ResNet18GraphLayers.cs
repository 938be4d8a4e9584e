using BBScore.Models.Layers;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Names the layers of the CNTK ResNet-18 graph (whose nodes are called <c>ReLU283</c>,
/// <c>Plus281</c>, ...) with the module paths of Hugging Face's <c>ResNetForImageClassification</c>
/// (<c>resnet.encoder.stages.S.layers.B...</c>, the names the Python BBScore uses) and torchvision's
/// names as aliases (<c>layerS+1.B.conv1</c>). The structure is read from the graph: residual block
/// outputs are Relu nodes fed by an Add, a block with a convolution on its shortcut starts a new
/// stage, the stem ends at the MaxPool (this CNTK network has 2, 2, 2 and 3 blocks per stage, so
/// <c>layer4.2</c> exists, unlike in torchvision's ResNet-18). The four stage outputs are checked against the tensors
/// documented for this file, so a different file fails loudly instead of mislabelling layers.</summary>
public static class ResNet18GraphLayers
{
    /// <summary>Stage output tensors of the shipped file (stage 1..4), the anchors of the mapping.</summary>
    public static readonly IReadOnlyList<string> StageTensors =
        ["ReLU283_Output_0", "ReLU315_Output_0", "ReLU347_Output_0", "ReLU393_Output_0"];

    public const string PoolTensor = "Pooling395_Output_0";

    public static IReadOnlyList<LayerDefinition> Build(GraphProto graph)
    {
        var producer = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
            foreach (string output in node.Output) producer[output] = node;
        NodeProto Producer(string tensor) => producer.TryGetValue(tensor, out var n) ? n
            : throw new InvalidOperationException($"ResNet-18 graph: no node produces '{tensor}'.");

        var maxPool = graph.Node.Single(n => n.OpType == "MaxPool");
        var blockOutputs = graph.Node.Where(n => n.OpType == "Relu" && Producer(n.Input[0]).OpType == "Add").ToList();
        var boundaries = new HashSet<string>(blockOutputs.Select(b => b.Output[0]), StringComparer.Ordinal) { maxPool.Output[0] };
        var stages = new List<List<ResidualBlock>>();
        foreach (var relu in blockOutputs)
        {
            var block = ResidualBlock.Read(relu, Producer, boundaries);
            if (stages.Count == 0 || block.ShortcutConvolution != null) stages.Add([]);
            stages[^1].Add(block);
        }
        var stageOutputs = stages.Select(s => s[^1].Output).ToList();
        if (!stageOutputs.SequenceEqual(StageTensors))
            throw new InvalidOperationException(
                $"ResNet-18 graph: stage outputs [{string.Join(", ", stageOutputs)}] differ from the expected [{string.Join(", ", StageTensors)}].");
        var pool = graph.Node.Single(n => n.OpType is "AveragePool" or "GlobalAveragePool");
        if (pool.Output[0] != PoolTensor || pool.Input[0] != stageOutputs[^1])
            throw new InvalidOperationException($"ResNet-18 graph: expected the average pool '{PoolTensor}' after the last stage.");

        // Listed in the order of named_modules(): parents first, children in definition order.
        var layers = new List<LayerDefinition>();
        AddStem(layers, maxPool, Producer);
        layers.Add(new LayerDefinition("resnet.encoder", stageOutputs[^1]));
        for (int s = 0; s < stages.Count; s++)
        {
            // A stage (and its Sequential 'layers') outputs what its last block outputs.
            layers.Add(new LayerDefinition($"resnet.encoder.stages.{s}", [$"layer{s + 1}"], stageOutputs[s]));
            layers.Add(new LayerDefinition($"resnet.encoder.stages.{s}.layers", stageOutputs[s]));
            for (int b = 0; b < stages[s].Count; b++) AddBlock(layers, stages[s][b], s, b);
        }
        layers.Add(new LayerDefinition("resnet.pooler", ["avgpool", "pooler"], PoolTensor));
        return layers;
    }

    static void AddStem(List<LayerDefinition> layers, NodeProto maxPool, Func<string, NodeProto> producer)
    {
        var relu = producer(maxPool.Input[0]);
        var norm = producer(relu.Input[0]);
        var conv = producer(norm.Input[0]);
        Expect(relu, "Relu");
        Expect(norm, "BatchNormalization");
        Expect(conv, "Conv");
        layers.Add(new LayerDefinition("resnet.embedder", maxPool.Output[0]));
        layers.Add(new LayerDefinition("resnet.embedder.embedder", relu.Output[0]));
        layers.Add(new LayerDefinition("resnet.embedder.embedder.convolution", ["conv1"], conv.Output[0]));
        layers.Add(new LayerDefinition("resnet.embedder.embedder.normalization", ["bn1"], norm.Output[0]));
        layers.Add(new LayerDefinition("resnet.embedder.embedder.activation", ["relu"], relu.Output[0]));
        layers.Add(new LayerDefinition("resnet.embedder.pooler", ["maxpool"], maxPool.Output[0]));
    }

    static void AddBlock(List<LayerDefinition> layers, ResidualBlock b, int stage, int index)
    {
        string hf = $"resnet.encoder.stages.{stage}.layers.{index}";
        string tv = $"layer{stage + 1}.{index}";
        // torchvision's BasicBlock applies one ReLU module twice; a hook on it keeps the last call: the block output.
        layers.Add(new LayerDefinition(hf, [tv, tv + ".relu"], b.Output));
        if (b.ShortcutConvolution is { } shortcutConv && b.ShortcutNormalization is { } shortcutNorm)
        {
            layers.Add(new LayerDefinition(hf + ".shortcut", [tv + ".downsample"], shortcutNorm));
            layers.Add(new LayerDefinition(hf + ".shortcut.convolution", [tv + ".downsample.0"], shortcutConv));
            layers.Add(new LayerDefinition(hf + ".shortcut.normalization", [tv + ".downsample.1"], shortcutNorm));
        }
        else layers.Add(new LayerDefinition(hf + ".shortcut", b.Input)); // nn.Identity
        layers.Add(new LayerDefinition(hf + ".layer", b.Normalization2));
        layers.Add(new LayerDefinition(hf + ".layer.0", b.Activation1));
        layers.Add(new LayerDefinition(hf + ".layer.0.convolution", [tv + ".conv1"], b.Convolution1));
        layers.Add(new LayerDefinition(hf + ".layer.0.normalization", [tv + ".bn1"], b.Normalization1));
        layers.Add(new LayerDefinition(hf + ".layer.0.activation", b.Activation1));
        layers.Add(new LayerDefinition(hf + ".layer.1", b.Normalization2));
        layers.Add(new LayerDefinition(hf + ".layer.1.convolution", [tv + ".conv2"], b.Convolution2));
        layers.Add(new LayerDefinition(hf + ".layer.1.normalization", [tv + ".bn2"], b.Normalization2));
        layers.Add(new LayerDefinition(hf + ".layer.1.activation", b.Normalization2)); // nn.Identity in the second conv layer
        layers.Add(new LayerDefinition(hf + ".activation", b.Output));
    }

    static void Expect(NodeProto node, string opType)
    {
        if (node.OpType != opType)
            throw new InvalidOperationException($"ResNet-18 graph: node '{node.Name}' is {node.OpType}, expected {opType}.");
    }

    /// <summary>One basic block: conv-bn-relu-conv-bn on the main branch, identity or conv-bn on the shortcut.</summary>
    sealed record ResidualBlock(
        string Input, string Output,
        string Convolution1, string Normalization1, string Activation1,
        string Convolution2, string Normalization2,
        string? ShortcutConvolution, string? ShortcutNormalization)
    {
        public static ResidualBlock Read(NodeProto outputRelu, Func<string, NodeProto> producer, HashSet<string> boundaries)
        {
            var add = producer(outputRelu.Input[0]);
            // The shortcut is the Add input that is a block boundary or a conv-bn directly on one.
            bool IsShortcut(string tensor) => boundaries.Contains(tensor)
                || boundaries.Contains(producer(producer(tensor).Input[0]).Input[0]);
            string shortcut = add.Input.Single(IsShortcut);
            string main = add.Input.Single(t => !IsShortcut(t));

            var norm2 = producer(main);
            var conv2 = producer(norm2.Input[0]);
            var relu1 = producer(conv2.Input[0]);
            var norm1 = producer(relu1.Input[0]);
            var conv1 = producer(norm1.Input[0]);
            Expect(norm2, "BatchNormalization");
            Expect(conv2, "Conv");
            Expect(relu1, "Relu");
            Expect(norm1, "BatchNormalization");
            Expect(conv1, "Conv");
            string input = conv1.Input[0];

            string? shortcutConv = null, shortcutNorm = null;
            if (shortcut != input)
            {
                var norm = producer(shortcut);
                var conv = producer(norm.Input[0]);
                Expect(norm, "BatchNormalization");
                Expect(conv, "Conv");
                if (conv.Input[0] != input)
                    throw new InvalidOperationException($"ResNet-18 graph: shortcut of '{outputRelu.Name}' does not start at the block input.");
                shortcutConv = conv.Output[0];
                shortcutNorm = norm.Output[0];
            }
            return new ResidualBlock(input, outputRelu.Output[0], conv1.Output[0], norm1.Output[0], relu1.Output[0],
                conv2.Output[0], norm2.Output[0], shortcutConv, shortcutNorm);
        }
    }
}
