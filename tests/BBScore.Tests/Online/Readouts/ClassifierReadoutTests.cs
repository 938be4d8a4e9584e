using System.Globalization;
using System.Text.Json;
using BBScore.Metrics.Online.Readouts;
using Xunit.Abstractions;

namespace BBScore.Tests.Online.Readouts;

/// <summary>The online classifiers' read-outs, normalisers and AdamW steps against PyTorch 1.13 running the original's
/// loop (tests/fixtures/generate_online_classifier_fixtures.py): same initial state_dict, batch order and per-step
/// learning rates; 10 steps, held-out predictions (the normaliser then stays in eval mode, as in the original), 10 more
/// steps, predictions again. Every loss and every final parameter and buffer within 1e-5 (relative above 1), every
/// prediction equal, and the state_dict names PyTorch's.</summary>
public sealed class ClassifierReadoutTests(ITestOutputHelper output)
{
    static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "online", "classifier_steps.json"))).RootElement;

    static JsonElement[] Cases => Fixture.GetProperty("cases").EnumerateArray().ToArray();

    public static TheoryData<int, string> CaseIndices()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Cases.Length; i++) data.Add(i, Describe(Cases[i]));
        return data;
    }

    static string Describe(JsonElement c) =>
        $"{c.GetProperty("kind").GetString()} {c.GetProperty("normalizer").GetString()} {c.GetProperty("classes").GetInt32()} classes " +
        $"{(c.GetProperty("sequence").GetBoolean() ? "(B,T,D)" : "(B,D)")} depth {c.GetProperty("depth").GetInt32()} data {c.GetProperty("data").GetString()}";

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Twenty_steps_match_PyTorch(int index, string description)
    {
        var c = Cases[index];
        int n = Fixture.GetProperty("rows").GetInt32(), held = Fixture.GetProperty("held_rows").GetInt32();
        int d = Fixture.GetProperty("features").GetInt32(), t = Fixture.GetProperty("time").GetInt32();
        bool sequence = c.GetProperty("sequence").GetBoolean();
        int classes = c.GetProperty("classes").GetInt32();
        float[] x = TrainingArray(c.GetProperty("data").GetString()!), heldOut = Floats(Fixture.GetProperty("held"));
        if (!sequence)
        {
            x = LastStep(x, n, t, d);
            heldOut = LastStep(heldOut, held, t, d);
        }
        int width = sequence ? t * d : d;
        int[] y = Fixture.GetProperty(classes == 2 ? "y2" : "y5").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var settings = new ReadoutSettings
        {
            Normalizer = c.GetProperty("normalizer").GetString()!,
            EmbedDim = Fixture.GetProperty("embed_dim").GetInt32(),
            NumHeads = Fixture.GetProperty("heads").GetInt32(),
            Depth = c.GetProperty("depth").GetInt32(),
            AttentionWidth = Fixture.GetProperty("attention_width").GetInt32(),
            WeightDecay = Fixture.GetProperty("wd").GetDouble(),
        };
        using var readout = ClassifierReadout.Create(c.GetProperty("kind").GetString()!, d, sequence ? t : 0, classes, settings);
        readout.SetParameters(State(Fixture.GetProperty("initial").GetProperty(c.GetProperty("architecture").GetString()!)));

        var order = Fixture.GetProperty("order").EnumerateArray().Select(b => b.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray();
        double[] lrs = Fixture.GetProperty("lrs").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var losses = new List<double>();
        int[]? middle = null;
        for (int step = 0; step < order.Length; step++)
        {
            if (step == order.Length / 2) middle = readout.Predict(heldOut, held);
            int[] rows = order[step];
            losses.Add(readout.TrainStep(Rows(x, rows, width), rows.Length, rows.Select(r => y[r]).ToArray(), lrs[step]));
        }
        int[] end = readout.Predict(heldOut, held);

        double worst = Compare(c.GetProperty("losses"), losses.ToArray(), "loss");
        var expected = State(c.GetProperty("final"));
        var actual = readout.GetParameters();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        int embed = Fixture.GetProperty("embed_dim").GetInt32();
        double noiseDriven = 0;
        foreach (var (name, want) in expected)
        {
            var (exact, free) = SplitShiftInvariant(name, want, actual[name], embed);
            worst = Math.Max(worst, Compare(exact.Want, exact.Got, name));
            for (int i = 0; i < free.Want.Length; i++) noiseDriven = Math.Max(noiseDriven, Math.Abs(free.Want[i] - free.Got[i]));
        }
        Assert.True(noiseDriven <= lrs.Sum(), $"softmax-shift-invariant biases moved {noiseDriven:E2}, more than the summed learning rates");
        Assert.Equal(Ints(c.GetProperty("predictions_mid")), middle);
        Assert.Equal(Ints(c.GetProperty("predictions_end")), end);
        output.WriteLine($"{description}: max difference {worst:E2}; softmax-shift-invariant biases {noiseDriven:E2}");
    }

    [Fact]
    public void The_attention_projection_is_PyTorchs_seed_42_draw()
    {
        var initial = Fixture.GetProperty("initial").EnumerateObject().First(a => a.Name.StartsWith("attention/", StringComparison.Ordinal)).Value;
        int d = Fixture.GetProperty("features").GetInt32();
        using var readout = ClassifierReadout.Create("attention", d, 0, 5, new ReadoutSettings { AttentionWidth = Fixture.GetProperty("attention_width").GetInt32() });
        var want = State(initial)["random_proj.weight"];
        var got = readout.GetParameters()["random_proj.weight"];
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(want[i] - got[i]) <= 1e-7, $"random_proj.weight[{i}]: {got[i]:R}, PyTorch {want[i]:R}");
    }

    [Fact]
    public void Restore_puts_the_model_back_and_the_normaliser_only_when_asked()
    {
        using var readout = ClassifierReadout.Create("linear", 4, 0, 3, new ReadoutSettings { Normalizer = "running_stats", WeightDecay = 1e-3 });
        float[] x = Enumerable.Range(0, 24).Select(i => (float)Math.Sin(i * 0.7)).ToArray();
        int[] y = [0, 1, 2, 0, 1, 2];
        readout.TrainStep(x, 6, y, 1e-2);
        using var snapshot = readout.Snapshot();
        var before = readout.GetParameters();
        readout.TrainStep(x, 6, y, 1e-2);
        readout.Restore(snapshot);
        var after = readout.GetParameters();
        Assert.Equal(before["linear.weight"], after["linear.weight"]);
        Assert.NotEqual(before["normalizer.num_batches_tracked"], after["normalizer.num_batches_tracked"]);
        readout.Restore(snapshot, normalizer: true);
        Assert.Equal(before["normalizer.running_mean"], readout.GetParameters()["normalizer.running_mean"]);
        Assert.Equal(before["normalizer.num_batches_tracked"], readout.GetParameters()["normalizer.num_batches_tracked"]);
    }

    [Fact]
    public void An_unknown_read_out_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassifierReadout.Create("mlp", 4, 0, 2, new ReadoutSettings()));
        Assert.Contains("linear, attention, transformer", e.Message);
    }

    [Fact]
    public void An_unknown_normaliser_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassifierReadout.Create("linear", 4, 0, 2, new ReadoutSettings { Normalizer = "minmax" }));
        Assert.Contains("layer_norm, batch_norm, running_stats, robust_zscore, unit_norm, cosine, batch_zscore, none", e.Message);
    }

    /// <summary>Separates the entries whose gradient is zero in exact arithmetic because a softmax over time does not
    /// see them (the attention read-out's <c>attn.bias</c>, the key half of the cross-attention's <c>kv.bias</c>): over
    /// T &gt; 1 both PyTorch and libtorch give them rounding noise (~1e-9) as gradient, which AdamW's m/√v scales up to
    /// steps of the learning rate's size, so their values follow the noise, not the data, and cannot be compared to
    /// 1e-5. They change no output: every loss, prediction and other parameter is still compared.</summary>
    static ((float[] Want, float[] Got) Exact, (float[] Want, float[] Got) Free) SplitShiftInvariant(string name, float[] want, float[] got, int embed)
    {
        Func<int, bool> free = name switch
        {
            "attn.bias" => _ => true,
            _ when name.EndsWith("xattn.kv.bias", StringComparison.Ordinal) => i => i < embed,
            _ => _ => false,
        };
        var exact = Enumerable.Range(0, want.Length).Where(i => !free(i)).ToArray();
        var loose = Enumerable.Range(0, want.Length).Where(free).ToArray();
        return ((exact.Select(i => want[i]).ToArray(), exact.Select(i => got[i]).ToArray()), (loose.Select(i => want[i]).ToArray(), loose.Select(i => got[i]).ToArray()));
    }

    static float[] TrainingArray(string which)
    {
        float[] x = Floats(Fixture.GetProperty("x"));
        int t = Fixture.GetProperty("time").GetInt32(), d = Fixture.GetProperty("features").GetInt32();
        int At(JsonElement p) => (p[0].GetInt32() * t + p[1].GetInt32()) * d + p[2].GetInt32();
        x[At(Fixture.GetProperty("nan_at"))] = float.NaN;
        if (which == "special")
            foreach (var p in Fixture.GetProperty("special_inf_at").EnumerateArray())
                x[At(p)] = p[3].GetInt32() > 0 ? float.PositiveInfinity : float.NegativeInfinity;
        return x;
    }

    static float[] LastStep(float[] x, int rows, int t, int d) =>
        Enumerable.Range(0, rows).SelectMany(r => x.AsSpan(((r * t) + t - 1) * d, d).ToArray()).ToArray();

    static Dictionary<string, float[]> State(JsonElement state) =>
        state.EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value.GetProperty("values")));

    static float[] Floats(JsonElement e) => e.EnumerateArray()
        .Select(v => v.ValueKind == JsonValueKind.String ? float.Parse(v.GetString()!, CultureInfo.InvariantCulture) : (float)v.GetDouble()).ToArray();

    static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    static float[] Rows(float[] data, int[] rows, int width) => rows.SelectMany(r => data.AsSpan(r * width, width).ToArray()).ToArray();

    static double Compare(JsonElement expected, double[] actual, string what) => Compare(Floats(expected), actual.Select(v => (float)v).ToArray(), what);

    static double Compare(float[] want, float[] actual, string what)
    {
        Assert.Equal(want.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < want.Length; i++)
        {
            if (float.IsNaN(want[i]) || float.IsNaN(actual[i]))
            {
                Assert.True(float.IsNaN(want[i]) && float.IsNaN(actual[i]), $"{what}[{i}]: {actual[i]:R}, PyTorch {want[i]:R}");
                continue;
            }
            double difference = Math.Abs((double)want[i] - actual[i]);
            worst = Math.Max(worst, difference / Math.Max(1, Math.Abs(want[i])));
            Assert.True(difference <= 1e-5 * Math.Max(1, Math.Abs(want[i])), $"{what}[{i}]: {actual[i]:R}, PyTorch {want[i]:R}");
        }
        return worst;
    }
}
