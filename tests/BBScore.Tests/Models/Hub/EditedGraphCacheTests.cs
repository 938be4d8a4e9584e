using BBScore.Models;
using BBScore.Models.Onnx;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>The edited graph (free batch axis, layers as outputs) is written once beside the model and reused.</summary>
public sealed class EditedGraphCacheTests
{
    static readonly RgbImage Image = new(2, 2, Enumerable.Range(0, 12).Select(i => (byte)(3 * i)).ToArray());

    static string CacheDir(string modelFolder) => Path.Combine(modelFolder, EditedGraphCache.FolderName);

    [Fact]
    public void The_edited_graph_is_made_once_and_then_read_from_disk()
    {
        using var folder = new TempDir();
        var file = OnnxModelFile.Load(TinyPyTorchOnnx.WriteTo(folder.Path));
        int made = 0;
        byte[] Serialize() { made++; return OnnxGraphEditor.SerializeWithOutputs(file.Model, ["/layer1/relu/Relu_output_0"]); }

        byte[] first = EditedGraphCache.Load(file, ["/layer1/relu/Relu_output_0"], Serialize);
        byte[] second = EditedGraphCache.Load(file, ["/layer1/relu/Relu_output_0"], Serialize);

        Assert.Equal(1, made);
        Assert.Equal(first, second);
        Assert.Equal(first, File.ReadAllBytes(EditedGraphCache.PathFor(file, ["/layer1/relu/Relu_output_0"])));
        // Another set of outputs is another graph; the order of the tensors does not matter.
        Assert.NotEqual(EditedGraphCache.PathFor(file, ["a", "b"]), EditedGraphCache.PathFor(file, ["a"]));
        Assert.Equal(EditedGraphCache.PathFor(file, ["a", "b"]), EditedGraphCache.PathFor(file, ["b", "a"]));
    }

    [Fact]
    public void A_second_model_instance_reuses_the_file_and_gets_the_same_features()
    {
        using var folder = new TempDir();
        string path = TinyPyTorchOnnx.WriteTo(folder.Path, externalData: true);
        float[] first;
        using (var model = ModelCatalog.Open(path)) first = model.Extract([Image], ["layer2.0"])["layer2.0"].Data;
        string cached = Assert.Single(Directory.GetFiles(CacheDir(folder.Path)));
        var written = File.GetLastWriteTimeUtc(cached);

        using (var model = ModelCatalog.Open(path))
            Assert.Equal(first, model.Extract([Image], ["layer2.0"])["layer2.0"].Data); // external data still found

        Assert.Equal(cached, Assert.Single(Directory.GetFiles(CacheDir(folder.Path))));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cached));
    }

    [Fact]
    public void An_unwritable_cache_folder_falls_back_to_editing_in_memory()
    {
        using var folder = new TempDir();
        var file = OnnxModelFile.Load(TinyPyTorchOnnx.WriteTo(folder.Path));
        File.WriteAllText(CacheDir(folder.Path), "a file where the folder would go");
        int made = 0;
        byte[] Serialize() { made++; return OnnxGraphEditor.SerializeWithOutputs(file.Model, ["logits"]); }

        Assert.NotEmpty(EditedGraphCache.Load(file, ["logits"], Serialize));
        Assert.NotEmpty(EditedGraphCache.Load(file, ["logits"], Serialize));

        Assert.Equal(2, made);
        using var model = ModelCatalog.Open(Path.Combine(folder.Path, "model.onnx"));
        Assert.Single(model.Extract([Image], ["head"]));
    }

    [Fact]
    public void A_folder_keeps_at_most_MaxEntries_graphs_dropping_the_oldest()
    {
        using var folder = new TempDir();
        var file = OnnxModelFile.Load(TinyPyTorchOnnx.WriteTo(folder.Path));
        string[] tensors = ["/layer1/relu/Relu_output_0", "/layer2/layer2.0/relu/Relu_output_0", "/layer2/layer2.1/Sub_output_0", "logits"];
        // Every non-empty subset of the four tensors: more sets than the cache keeps.
        var sets = Enumerable.Range(1, 15).Select(mask => tensors.Where((_, bit) => (mask >> bit & 1) == 1).ToArray()).ToList();
        var start = DateTime.UtcNow.AddHours(-1);
        for (int i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            EditedGraphCache.Load(file, set, () => OnnxGraphEditor.SerializeWithOutputs(file.Model, set));
            File.SetLastWriteTimeUtc(EditedGraphCache.PathFor(file, set), start.AddMinutes(i)); // a clear order of age
        }

        var kept = Directory.GetFiles(CacheDir(folder.Path)).Order(StringComparer.Ordinal).ToList();
        var newest = sets.TakeLast(EditedGraphCache.MaxEntries).Select(set => EditedGraphCache.PathFor(file, set)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(newest, kept);
    }
}
