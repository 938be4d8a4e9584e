using BBScore.Numerics.CrossValidation;

namespace BBScore.Stimuli.Augment;

/// <summary>timm's RandAugment (<c>rand_augment_transform</c>) for clips: <see cref="RandAugmentConfig.Layers"/> ops
/// drawn uniformly with replacement from <see cref="RandAugmentOp"/>, each applied with the config's probability at a
/// magnitude drawn from N(m, mstd²) clipped to [0, mmax], signed ops negated with probability ½, affine ops resampled
/// bilinear or bicubic with probability ½ each. Unlike the original (which draws per frame), every choice is made once
/// per clip, so all of a clip's frames get the same ops; the draws come from our own generator seeded by (seed, clip,
/// epoch), so a run is reproducible while each epoch sees new augmentations.</summary>
public sealed class RandAugment(RandAugmentConfig config)
{
    static readonly RandAugmentOp[] Ops = Enum.GetValues<RandAugmentOp>();

    public RandAugmentConfig Config { get; } = config;

    /// <summary>The steps for clip <paramref name="clip"/> in epoch <paramref name="epoch"/>.</summary>
    public IReadOnlyList<RandAugmentStep> Plan(long seed, int clip, int epoch) => Plan(new SeededRandom(Key(seed, clip, epoch)));

    /// <summary>The steps drawn from <paramref name="random"/>, in timm's draw order: the op list first, then per op its
    /// probability, magnitude, sign and filter.</summary>
    public IReadOnlyList<RandAugmentStep> Plan(SeededRandom random)
    {
        var ops = Enumerable.Range(0, Config.Layers).Select(_ => Ops[random.NextBelow(Ops.Length)]).ToArray();
        var steps = new RandAugmentStep[ops.Length];
        for (int i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            // timm skips the op when random() > p.
            bool applied = Config.Probability >= 1.0 || UnitInterval(random) <= Config.Probability;
            double magnitude = 0;
            bool negate = false;
            var resample = PilResample.Bilinear;
            if (applied)
            {
                magnitude = Config.MagnitudeStd > 0 ? Config.Magnitude + Config.MagnitudeStd * Gaussian(random) : Config.Magnitude;
                magnitude = Math.Max(0.0, Math.Min(magnitude, Config.MagnitudeMax));
                if (RandAugmentStep.IsSigned(op)) negate = UnitInterval(random) > 0.5;
                if (RandAugmentStep.IsAffine(op)) resample = random.NextBelow(2) == 0 ? PilResample.Bilinear : PilResample.Bicubic;
            }
            steps[i] = new RandAugmentStep(op, applied, magnitude, negate, resample);
        }
        return steps;
    }

    /// <summary>Every frame through the same steps. A frame repeated by reference (a short clip's padding) is
    /// augmented once and shared, as its copies would come out identical.</summary>
    public static IReadOnlyList<RgbImage> Apply(IReadOnlyList<RandAugmentStep> steps, IReadOnlyList<RgbImage> frames)
    {
        var done = new Dictionary<RgbImage, RgbImage>(ReferenceEqualityComparer.Instance);
        var result = new RgbImage[frames.Count];
        for (int i = 0; i < frames.Count; i++)
        {
            if (!done.TryGetValue(frames[i], out var output))
                done[frames[i]] = output = steps.Aggregate(frames[i], (image, step) => step.Apply(image));
            result[i] = output;
        }
        return result;
    }

    /// <summary>One generator state per (seed, clip, epoch): the three mixed by distinct odd constants, then scrambled
    /// by SplitMix64's first step.</summary>
    static long Key(long seed, int clip, int epoch) =>
        unchecked((long)new SeededRandom(seed ^ (clip * 0x632BE59BD9B4E019L) ^ (epoch * 0x5851F42D4C957F2DL)).NextUInt64());

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    static double UnitInterval(SeededRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box–Muller, as Python's <c>random.gauss</c>).</summary>
    static double Gaussian(SeededRandom random)
    {
        double angle = UnitInterval(random) * 2 * Math.PI;
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - UnitInterval(random)));
        return Math.Cos(angle) * radius;
    }
}
