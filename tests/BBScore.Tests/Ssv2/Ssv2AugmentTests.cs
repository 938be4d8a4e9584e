using System.Text.Json.Nodes;
using BBScore.Datasets.Ssv2;
using BBScore.Numerics.CrossValidation;
using BBScore.Stimuli;
using BBScore.Stimuli.Augment;

namespace BBScore.Tests.Ssv2;

/// <summary>Every RandAugment op against PIL's output for the same arguments (tests/fixtures/generate_ssv2_fixture.py:
/// timm's level-to-arg formulas re-written in Python, PIL doing the pixel work), on three small images at magnitudes
/// 7, 6.37, 10 and 2.9, both signs and both resample filters for the affine ops; and the per-clip draws.</summary>
public sealed class Ssv2AugmentTests
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ssv2", "augment");
    static readonly JsonNode Cases = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")))!;

    static RgbImage Read(string file, int width, int height) => new(width, height, File.ReadAllBytes(Path.Combine(Folder, file)));

    static RandAugmentStep Step(JsonNode c) => new(
        Enum.Parse<RandAugmentOp>((string)c["op"]!), true, (double)c["magnitude"]!, (bool)c["negate"]!,
        (string)c["resample"]! == "bicubic" ? PilResample.Bicubic : PilResample.Bilinear);

    public static TheoryData<string> Ops() => new(Enum.GetNames<RandAugmentOp>());

    [Theory]
    [MemberData(nameof(Ops))]
    public void Each_op_matches_PIL_byte_for_byte(string op)
    {
        var cases = Cases["cases"]!.AsArray().Where(c => (string)c!["op"]! == op).ToList();
        Assert.NotEmpty(cases);
        var mismatches = new List<string>();
        foreach (var c in cases)
        {
            int w = (int)c!["width"]!, h = (int)c["height"]!;
            var actual = Step(c).Apply(Read((string)c["input"]! + ".rgb", w, h)).Pixels;
            var expected = File.ReadAllBytes(Path.Combine(Folder, (string)c["case"]! + ".rgb"));
            int differing = 0, max = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                int d = Math.Abs(actual[i] - expected[i]);
                if (d > 0) differing++;
                max = Math.Max(max, d);
            }
            if (differing > 0) mismatches.Add($"{c["case"]}: {differing} bytes differ, max {max}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void A_fixed_pair_of_steps_gives_every_frame_of_a_clip_PILs_output()
    {
        var clip = Cases["clip"]!;
        int w = (int)clip["width"]!, h = (int)clip["height"]!;
        var steps = clip["steps"]!.AsArray().Select(s => Step(s!)).ToArray();
        var frames = clip["frames"]!.AsArray().Select(f => Read((string)f!["input"]!, w, h)).ToArray();
        var outputs = RandAugment.Apply(steps, frames);
        for (int i = 0; i < frames.Length; i++)
            Assert.Equal(File.ReadAllBytes(Path.Combine(Folder, (string)clip["frames"]![i]!["output"]!)), outputs[i].Pixels);
    }

    [Fact]
    public void The_ssv2_config_parses_as_timm_reads_it()
    {
        var config = RandAugmentConfig.Parse(RandAugmentConfig.Ssv2);
        Assert.Equal(new RandAugmentConfig(Magnitude: 7, Layers: 2, MagnitudeStd: 0.3, Probability: 0.5, MagnitudeMax: 10), config);
        Assert.Throws<NotSupportedException>(() => RandAugmentConfig.Parse("rand-m9-inc1"));
        Assert.Throws<FormatException>(() => RandAugmentConfig.Parse("augmix-m5"));
    }

    [Fact]
    public void Plans_are_deterministic_per_seed_clip_and_epoch_and_differ_across_epochs()
    {
        var augment = new RandAugment(RandAugmentConfig.Parse(RandAugmentConfig.Ssv2));
        Assert.Equal(augment.Plan(42, 3, 1), augment.Plan(42, 3, 1));
        var epochs = Enumerable.Range(1, 8).Select(e => augment.Plan(42, 3, e)).ToList();
        Assert.True(epochs.Select(p => string.Join(";", p)).Distinct().Count() > 1, "every epoch drew the same plan");
        Assert.NotEqual(augment.Plan(42, 3, 1), augment.Plan(43, 3, 1));
        Assert.NotEqual(augment.Plan(42, 3, 1), augment.Plan(42, 4, 1));
    }

    [Fact]
    public void Draws_follow_the_config_uniform_ops_half_applied_magnitudes_near_seven_clipped()
    {
        var augment = new RandAugment(RandAugmentConfig.Parse(RandAugmentConfig.Ssv2));
        var steps = Enumerable.Range(0, 4000).SelectMany(clip => augment.Plan(new SeededRandom(clip * 7919L + 1))).ToList();
        Assert.All(steps.GroupBy(s => s.Op), g => Assert.InRange(g.Count(), 8000 / 15 * 0.8, 8000 / 15 * 1.2));
        Assert.Equal(15, steps.Select(s => s.Op).Distinct().Count());
        var applied = steps.Where(s => s.Applied).ToList();
        Assert.InRange(applied.Count / 8000.0, 0.47, 0.53);
        var magnitudes = applied.Select(s => s.Magnitude).ToArray();
        Assert.All(magnitudes, m => Assert.InRange(m, 0, 10));
        double mean = magnitudes.Average(), sd = Math.Sqrt(magnitudes.Select(m => (m - mean) * (m - mean)).Average());
        Assert.InRange(mean, 6.98, 7.02);
        Assert.InRange(sd, 0.28, 0.32);
        var signed = applied.Where(s => RandAugmentStep.IsSigned(s.Op)).ToList();
        Assert.InRange(signed.Count(s => s.Negate) / (double)signed.Count, 0.45, 0.55);
        Assert.InRange(signed.Count(s => s.Resample == PilResample.Bicubic) / (double)signed.Count, 0.45, 0.55);
        // A noisy magnitude is clipped to [0, mmax], as timm clips it.
        var wide = new RandAugment(new RandAugmentConfig(Magnitude: 9.5, MagnitudeStd: 5, Probability: 1));
        var clipped = Enumerable.Range(0, 500).SelectMany(c => wide.Plan(new SeededRandom(c))).Select(s => s.Magnitude).ToArray();
        Assert.Contains(10.0, clipped);
        Assert.Contains(0.0, clipped);
    }

    [Fact]
    public void Every_frame_of_a_clip_gets_the_same_ops()
    {
        var augment = new RandAugment(new RandAugmentConfig(Magnitude: 7, MagnitudeStd: 0.3, Probability: 1));
        var frame = Read("clip_in0.rgb", 14, 10);
        var clip = new VideoStimulus(Enumerable.Repeat(frame, 5).Select(f => new RgbImage(14, 10, (byte[])f.Pixels.Clone())).ToArray(), 12);
        var set = new Ssv2AugmentedStimulusSet(new ClipSet(clip), augment, 42, epoch: 2);
        var frames = ((VideoStimulus)set.Load(0)).Frames;
        Assert.All(frames, f => Assert.Equal(frames[0].Pixels, f.Pixels));
        Assert.Equal(RandAugment.Apply(augment.Plan(42, 0, 2), [frame])[0].Pixels, frames[0].Pixels);
        Assert.NotEqual(frames[0].Pixels, ((VideoStimulus)new Ssv2AugmentedStimulusSet(new ClipSet(clip), augment, 42, epoch: 3).Load(0)).Frames[0].Pixels);
    }

    /// <summary>One in-memory clip.</summary>
    sealed class ClipSet(VideoStimulus clip) : IStimulusSet
    {
        public string Name => "clip";
        public int Count => 1;
        public IReadOnlyList<string> Ids => ["c"];
        public string ContentHash => "c";
        public double[,]? Labels => null;
        public RgbImage LoadImage(int index) => throw new NotSupportedException();
        public Stimulus Load(int index) => clip;
    }
}
