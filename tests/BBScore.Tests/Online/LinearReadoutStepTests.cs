using System.Text.Json;
using BBScore.Metrics.Online;
using BBScore.Metrics.Online.Schedules;

namespace BBScore.Tests.Online;

/// <summary>The online regressor's training steps against PyTorch 1.13 running the original's loop
/// (tests/fixtures/generate_online_regressor_fixtures.py): same initial weights, batch order and warmup_cosine
/// schedule; after 30 steps every weight within 1e-5, for each loss with and without the L2 term.</summary>
public sealed class LinearReadoutStepTests
{
    static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "online", "regressor_steps.json"))).RootElement;

    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (var c in Fixture.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("loss").GetString()!, c.GetProperty("wd").GetDouble());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Thirty_steps_end_at_PyTorchs_weights(string loss, double wd)
    {
        var expected = Fixture.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("loss").GetString() == loss && c.GetProperty("wd").GetDouble() == wd);
        int rows = Fixture.GetProperty("rows").GetInt32(), inputs = Fixture.GetProperty("inputs").GetInt32(), outputs = Fixture.GetProperty("outputs").GetInt32();
        float[] x = Floats("x"), y = Floats("y");
        var order = Fixture.GetProperty("order").EnumerateArray().Select(b => b.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray();
        int perEpoch = rows / Fixture.GetProperty("batch").GetInt32();
        var schedule = OnlineSchedule.Create(Fixture.GetProperty("schedule").GetString()!, Fixture.GetProperty("lr").GetDouble(), perEpoch,
            Fixture.GetProperty("epochs").GetInt32());
        using var readout = new LinearReadoutStep(Floats("initial_weight"), Floats("initial_bias"), inputs, loss);

        var losses = new List<double>();
        foreach (int[] batch in order)
        {
            losses.Add(readout.Step(Rows(x, batch, inputs), Rows(y, batch, outputs), batch.Length, schedule.LearningRate, wd, l2InsideClamp: true));
            schedule.AfterBatch();
        }

        AssertClose(expected.GetProperty("losses"), losses.ToArray(), "loss");
        AssertClose(expected.GetProperty("weight"), readout.Weight.Select(v => (double)v).ToArray(), "weight");
        AssertClose(expected.GetProperty("bias"), readout.Bias.Select(v => (double)v).ToArray(), "bias");
    }

    /// <summary>A read-out of 256 inputs and 512 outputs at wd 0.1: the L2 term at initialisation (≈ 0.1 · 512 / 3 ≈ 17)
    /// passes the loss clamp. In the original's order the clamp swallows every gradient and the weights never move; in
    /// ours the data loss is clamped alone and both terms' gradients apply. Within the clamp both orders agree (above).</summary>
    [Fact]
    public void The_L2_term_outside_the_clamp_lets_a_wide_readout_train()
    {
        const int inputs = 256, outputs = 512, rows = 16;
        var random = new BBScore.Numerics.CrossValidation.SeededRandom(5);
        float[] x = Enumerable.Range(0, rows * inputs).Select(_ => random.NextBelow(2001) / 1000f - 1).ToArray();
        float[] y = Enumerable.Range(0, rows * outputs).Select(_ => random.NextBelow(2001) / 1000f - 1).ToArray();
        using var original = LinearReadoutStep.Initialised(inputs, outputs, "mse", 0.5, new BBScore.Numerics.CrossValidation.SeededRandom(1));
        using var fixedOrder = LinearReadoutStep.Initialised(inputs, outputs, "mse", 0.5, new BBScore.Numerics.CrossValidation.SeededRandom(1));
        float[] start = original.Weight;

        double clampedLoss = original.Step(x, y, rows, 1e-2, 0.1, l2InsideClamp: true);
        double fixedLoss = fixedOrder.Step(x, y, rows, 1e-2, 0.1);

        Assert.Equal(LinearReadoutStep.LossClamp, clampedLoss);
        Assert.Equal(start, original.Weight); // no gradient reached the weights
        Assert.True(fixedLoss > LinearReadoutStep.LossClamp, $"the reported loss includes the L2 term: {fixedLoss}");
        Assert.NotEqual(start, fixedOrder.Weight);
    }

    [Fact]
    public void An_unknown_loss_lists_the_known_ones() =>
        Assert.Contains("ccc_mse", Assert.Throws<ArgumentException>(() => RegressionLosses.Create("huber")).Message);

    static float[] Floats(string name) => Fixture.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    static float[] Rows(float[] data, int[] rows, int width) => rows.SelectMany(r => data.AsSpan(r * width, width).ToArray()).ToArray();

    static void AssertClose(JsonElement expected, double[] actual, string what)
    {
        double[] want = expected.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(want.Length, actual.Length);
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(want[i] - actual[i]) <= 1e-5, $"{what}[{i}]: {actual[i]:R}, PyTorch {want[i]:R}");
    }
}
