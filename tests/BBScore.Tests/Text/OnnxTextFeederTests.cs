using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Text;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Text;

public class OnnxTextFeederTests
{
    const string Hidden = "transformer.h.1";

    static OnnxFeatureModel Open(string path) => OnnxFileModel.Open(path, new ModelOpenOptions(), InputKind.Text, "gpt2_small");

    static float[] Row(BBScore.Features.FeatureTensor tensor, int row) => tensor.Data.AsSpan(row * tensor.RowLength, tensor.RowLength).ToArray();

    static float[] Mean(IEnumerable<float[]> rows)
    {
        var list = rows.ToList();
        var sum = new float[list[0].Length];
        foreach (var row in list)
            for (int d = 0; d < sum.Length; d++) sum[d] += row[d];
        return sum.Select(v => v / list.Count).ToArray();
    }

    [Fact]
    public void The_read_out_row_is_the_last_words_hidden_state()
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path));

        var features = model.Extract([new TextStimulus("world", "Hello")], [Hidden, "transformer.h.0"]);

        int[] ids = [15496, 995]; // "Hello world": " world" is the last word's only token
        Assert.Equal([1, TinyTextOnnx.Width], features[Hidden].Shape);
        Assert.Equal(TinyTextOnnx.H1(ids, 1), Row(features[Hidden], 0));
        Assert.Equal(TinyTextOnnx.H0(995, 1, positionIds: false), Row(features["transformer.h.0"], 0));
    }

    /// <summary>The default read-out is the spec's: the last token of the last word (the original's code
    /// averages the word's tokens instead; TokenizedTextTests cover that rule).</summary>
    [Fact]
    public void A_word_of_several_tokens_is_read_at_its_last_token()
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path));
        const string text = "We love tokenization";
        var ids = Gpt2Tokenizer.Instance.Encode(text).Select(t => t.Id).ToList();
        Assert.True(ids.Count > 3, "'tokenization' must split into several tokens for this test to mean anything");

        var row = Row(model.Extract([new TextStimulus(text)], [Hidden])[Hidden], 0);

        Assert.Equal(TinyTextOnnx.H1(ids, ids.Count - 1), row);
        Assert.NotEqual(Mean(Enumerable.Range(2, ids.Count - 2).Select(t => TinyTextOnnx.H1(ids, t))), row);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Padding_does_not_change_results(bool positionIds)
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path, positionIds));
        Stimulus[] texts = [new TextStimulus("Hi"), new TextStimulus("The quick brown fox jumps over the lazy dog."), new TextStimulus("dog", "lazy")];

        var batched = model.Extract(texts, [Hidden])[Hidden];

        Assert.Equal([3, TinyTextOnnx.Width], batched.Shape);
        for (int i = 0; i < texts.Length; i++)
            Assert.Equal(Row(model.Extract([texts[i]], [Hidden])[Hidden], 0), Row(batched, i));
        // And the values are the unpadded ones, positions included.
        int[] fox = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13];
        Assert.Equal(TinyTextOnnx.H1(fox, 9, positionIds), Row(batched, 1));
    }

    [Fact]
    public void Truncation_keeps_the_end()
    {
        using var folder = new TempDir();
        folder.WriteText("config.json", """{"model_type": "gpt2", "n_positions": 3}""");
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path, positionIds: true));

        var row = Row(model.Extract([new TextStimulus("The quick brown fox")], [Hidden])[Hidden], 0);

        // Only " quick brown fox" is fed, at positions 0..2.
        Assert.Equal(TinyTextOnnx.H1([2068, 7586, 21831], 2, positionIds: true), row);
        Assert.Contains("last 3 tokens", model.Identity.Preprocessing, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_cache_inputs_are_fed_with_no_past()
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path, positionIds: true, past: true));

        var features = model.Extract([new TextStimulus("Hello world"), new TextStimulus("Hi")], [Hidden]);

        Assert.Equal(TinyTextOnnx.H1([15496, 995], 1, positionIds: true), Row(features[Hidden], 0));
    }

    [Fact]
    public void Layers_resolve_as_pytorch_module_paths_with_one_row_per_text()
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path));

        Assert.Equal("transformer.h.0", model.ResolveLayer("transformer.h.0"));
        Assert.Equal("transformer.h.1", model.ResolveLayer("_orig_mod.transformer.h.1"));
        var listing = model.ListLayers().ToDictionary(l => l.Name);
        Assert.Equal([TinyTextOnnx.Width], listing["transformer.h.1"].Shape!);
        Assert.Equal([TinyTextOnnx.Width], listing["transformer"].Shape!);
    }

    [Fact]
    public void Description_names_tokenizer_context_length_and_readout()
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path));

        string description = model.Identity.Preprocessing;

        Assert.Contains("gpt2 tokenizer", description, StringComparison.Ordinal);
        Assert.Contains("last 1024 tokens", description, StringComparison.Ordinal);
        Assert.Contains(TextReadout.LastWordLastToken.Describe(), description, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_are_refused_with_what_the_model_takes()
    {
        using var folder = new TempDir();
        using var model = Open(TinyTextOnnx.WriteTo(folder.Path));

        var error = Assert.Throws<NotSupportedException>(() => model.Extract([new ImageStimulus(new RgbImage(1, 1, new byte[3]))], [Hidden]));
        Assert.Contains("takes text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_originals_window_feeds_every_text_left_padded_to_the_context_length()
    {
        using var folder = new TempDir();
        folder.WriteText("config.json", """{"n_positions": 4}""");
        string path = TinyTextOnnx.WriteTo(folder.Path, positionIds: true, past: true);
        var graph = OnnxModelFile.Load(path).Model.Graph;
        using var feeder = OnnxTextFeeder.Create(graph, path, window: TextWindow.OriginalFixedWindow);

        using var feed = feeder.Prepare([new TextStimulus("Hello world")]);

        Assert.Equal(["input_ids", "attention_mask", "position_ids", "past_key_values.0.key", "past_key_values.0.value"], feed.Names);
        Assert.Equal([50256L, 50256, 15496, 995], feed.Values[0].GetTensorDataAsSpan<long>().ToArray());
        Assert.Equal([1L, 1, 1, 1], feed.Values[1].GetTensorDataAsSpan<long>().ToArray());
        Assert.Equal([0L, 1, 2, 3], feed.Values[2].GetTensorDataAsSpan<long>().ToArray());
        Assert.Equal([1L, 2, 0, 3], feed.Values[3].GetTensorTypeAndShape().Shape);
        Assert.Contains("first 4 tokens kept", feeder.Description, StringComparison.Ordinal);
        // " world" sits at token 3 after two pads: hidden state (1, 4 tokens, 1 feature) = token index.
        Assert.Equal([3f], feed.Restore(new BBScore.Features.FeatureTensor([0, 1, 2, 3], [1, 4, 1])).Data);
    }

    [Fact]
    public void A_graph_without_input_ids_is_refused()
    {
        var graph = new Onnx.GraphProto();
        graph.Input.Add(new Onnx.ValueInfoProto { Name = "pixel_values" });

        var error = Assert.Throws<NotSupportedException>(() => TextGraphInputs.Find(graph));
        Assert.Contains("'pixel_values'", error.Message, StringComparison.Ordinal);
    }
}
