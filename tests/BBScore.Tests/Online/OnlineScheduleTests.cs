using System.Text.Json;
using BBScore.Metrics.Online.Schedules;

namespace BBScore.Tests.Online;

/// <summary>Every online schedule's learning rate at every step against PyTorch 1.13's, from
/// tests/fixtures/generate_online_schedule_fixtures.py (the schedulers built as the original builds them).</summary>
public sealed class OnlineScheduleTests
{
    static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "online", "schedules.json"))).RootElement.GetProperty("cases");

    [Fact]
    public void Every_schedule_gives_PyTorchs_rate_at_every_step()
    {
        int checkedCases = 0;
        foreach (var c in Cases.EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double lr = c.GetProperty("lr").GetDouble();
            double[] expected = c.GetProperty("lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var actual = name == "reduce_on_plateau" ? OnPlateau(lr, c) : PerBatch(name, lr, c);
            Assert.Equal(expected.Length, actual.Count);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1e-12, Math.Abs(expected[i])) + 1e-18,
                    $"{name} lr={lr} step {i}: {actual[i]:R}, PyTorch {expected[i]:R}");
            checkedCases++;
        }
        Assert.Equal(24, checkedCases);
    }

    [Fact]
    public void An_unknown_schedule_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => OnlineSchedule.Create("linear", 1e-3, 10, 10));
        Assert.Contains("warmup_cosine", error.Message);
        Assert.Throws<ArgumentException>(() => OnlineSchedule.Create("warmup_stable_decay", 1e-3, 10, 5)); // needs 6 epochs
    }

    static List<double> PerBatch(string name, double lr, JsonElement c)
    {
        int perEpoch = c.GetProperty("steps_per_epoch").GetInt32(), epochs = c.GetProperty("epochs").GetInt32();
        int? switchEpoch = c.GetProperty("switch_epoch").ValueKind == JsonValueKind.Null ? null : c.GetProperty("switch_epoch").GetInt32();
        int decayEpochs = switchEpoch is null ? 0 : c.GetProperty("decay_epochs").GetInt32();
        var schedule = OnlineSchedule.Create(name, lr, perEpoch, epochs);
        int steps = switchEpoch is int s ? perEpoch * (s + decayEpochs) : perEpoch * epochs;
        var lrs = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            if (switchEpoch is int at && step == at * perEpoch) schedule.StartDecay(decayEpochs * perEpoch);
            lrs.Add(schedule.LearningRate);
            schedule.AfterBatch();
        }
        return lrs;
    }

    static List<double> OnPlateau(double lr, JsonElement c)
    {
        var schedule = OnlineSchedule.Create("reduce_on_plateau", lr, 1, 1);
        var lrs = new List<double>();
        foreach (var score in c.GetProperty("scores").EnumerateArray())
        {
            lrs.Add(schedule.LearningRate);
            schedule.AfterEpoch(score.GetDouble());
        }
        lrs.Add(schedule.LearningRate);
        return lrs;
    }
}
