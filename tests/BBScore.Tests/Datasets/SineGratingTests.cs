using BBScore.Datasets.SineGratings;
using BBScore.Stimuli;

namespace BBScore.Tests.Datasets;

public class SineGratingTests
{
    static readonly SineGratingStimulusSet Set = new();

    [Fact]
    public void Has512ImagesWithUniqueIdsAndFourLabelColumns()
    {
        Assert.Equal("StaticFullFieldSineGratingsStimulusSet", Set.Name);
        Assert.Equal(512, Set.Count);
        Assert.Equal(512, Set.Ids.Count);
        Assert.Equal(512, Set.Ids.Distinct().Count());
        Assert.Equal(512, Set.Labels.GetLength(0));
        Assert.Equal(4, Set.Labels.GetLength(1));
    }

    [Fact]
    public void LabelsCoverTheFullGrid()
    {
        double[] Column(int c) => Enumerable.Range(0, Set.Count).Select(i => Set.Labels[i, c]).Distinct().Order().ToArray();

        Assert.Equal(Enumerable.Range(0, 8).Select(k => 22.5 * k).ToArray(), Column(0));
        Assert.Equal(8, Column(1).Length);
        Assert.Equal(new double[] { 0, 90, 180, 270 }, Column(2));
        Assert.Equal(new double[] { 0, 1 }, Column(3));

        // Every combination exactly once.
        var combos = Enumerable.Range(0, Set.Count)
            .Select(i => (Set.Labels[i, 0], Set.Labels[i, 1], Set.Labels[i, 2], Set.Labels[i, 3]))
            .Distinct().Count();
        Assert.Equal(512, combos);
    }

    [Fact]
    public void EveryIdParsesBackToItsLabelRow()
    {
        for (int i = 0; i < Set.Count; i++)
        {
            double[] parsed = SineGratingStimulusSet.ParseLabels(Set.Ids[i]);
            Assert.Equal(new[] { Set.Labels[i, 0], Set.Labels[i, 1], Set.Labels[i, 2], Set.Labels[i, 3] }, parsed);
        }
    }

    [Fact]
    public void ParserFollowsTheOriginalsSlicing()
    {
        Assert.Equal(new[] { 22.5, 11.0, 90, 0 }, SineGratingStimulusSet.ParseLabels("grating_22.5deg_11.0cy_90phase_bw.jpg"));
        Assert.Equal(new[] { 0, 4.0, 270, 1 }, SineGratingStimulusSet.ParseLabels("images/grating_0deg_4.0cy_270phase_color.jpg"));
        Assert.Equal(1.0, SineGratingStimulusSet.ParseLabels("x_45deg_8.0cy_0phase_anything.jpg")[3]);
        Assert.Throws<FormatException>(() => SineGratingStimulusSet.ParseLabels("not_a_grating.jpg"));
    }

    [Fact]
    public void IdsUseTheOriginalsSuffixes()
    {
        Assert.All(Set.Ids, id =>
        {
            string[] f = id.Split('_');
            Assert.Equal(5, f.Length);
            Assert.EndsWith("deg", f[1]);
            Assert.EndsWith("cy", f[2]);
            Assert.EndsWith("phase", f[3]);
            Assert.True(f[4] is "bw.jpg" or "color.jpg", id);
        });
    }

    [Fact]
    public void ZeroDegreesVariesAlongXAndNinetyDegreesAlongY()
    {
        RgbImage vertical = Image(angle: 0, sf: 8.0, phase: 0, GratingColour.BlackWhite);
        RgbImage horizontal = Image(angle: 90, sf: 8.0, phase: 0, GratingColour.BlackWhite);

        // 0°: each column is constant (stripes are vertical), rows vary strongly; 90°: the reverse.
        Assert.True(MeanColumnVariance(vertical) < 1);
        Assert.True(MeanRowVariance(vertical) > 1000);
        Assert.True(MeanRowVariance(horizontal) < 1);
        Assert.True(MeanColumnVariance(horizontal) > 1000);

        RgbImage oblique = Image(angle: 45, sf: 8.0, phase: 0, GratingColour.BlackWhite);
        Assert.True(MeanRowVariance(oblique) > 1000);
        Assert.True(MeanColumnVariance(oblique) > 1000);
    }

    [Fact]
    public void SpatialFrequencyIsCyclesPerImage()
    {
        RgbImage image = Image(angle: 0, sf: 8.0, phase: 0, GratingColour.BlackWhite);
        int crossings = 0;
        for (int x = 1; x < image.Width; x++)
            if ((Red(image, x - 1, 0) > 127.5) != (Red(image, x, 0) > 127.5)) crossings++;
        Assert.Equal(16, crossings); // two zero crossings per cycle
    }

    [Fact]
    public void FinestGratingStillHasFullContrastAtEveryPhase()
    {
        foreach (double phase in SineGratingGrid.PhasesDeg)
        {
            RgbImage image = Image(angle: 22.5, sf: SineGratingGrid.CyclesPerImage.Max(), phase, GratingColour.BlackWhite);
            Assert.True(image.Pixels.Min() <= 10, $"phase {phase}: min {image.Pixels.Min()}");
            Assert.True(image.Pixels.Max() >= 245, $"phase {phase}: max {image.Pixels.Max()}");
        }
    }

    [Fact]
    public void PhaseShiftsThePattern()
    {
        RgbImage p0 = Image(angle: 0, sf: 8.0, phase: 0, GratingColour.BlackWhite);
        RgbImage p180 = Image(angle: 0, sf: 8.0, phase: 180, GratingColour.BlackWhite);
        for (int i = 0; i < p0.Pixels.Length; i++)
            Assert.InRange(p0.Pixels[i] + p180.Pixels[i], 254, 256); // antiphase
    }

    [Fact]
    public void BlackWhiteIsGreyAndColourIsRedCyan()
    {
        RgbImage bw = Image(angle: 45, sf: 11.3, phase: 90, GratingColour.BlackWhite);
        for (int p = 0; p < bw.Pixels.Length; p += 3)
        {
            Assert.Equal(bw.Pixels[p], bw.Pixels[p + 1]);
            Assert.Equal(bw.Pixels[p], bw.Pixels[p + 2]);
        }

        RgbImage colour = Image(angle: 45, sf: 11.3, phase: 90, GratingColour.Colour);
        for (int p = 0; p < colour.Pixels.Length; p += 3)
        {
            Assert.NotEqual(colour.Pixels[p], colour.Pixels[p + 1]);
            Assert.Equal(colour.Pixels[p + 1], colour.Pixels[p + 2]);
            Assert.Equal(255, colour.Pixels[p] + colour.Pixels[p + 1]);
        }
    }

    [Fact]
    public void ImagesHaveTheRequestedSize()
    {
        var small = new SineGratingStimulusSet(imageSize: 128);
        RgbImage image = small.LoadImage(0);
        Assert.Equal(128, image.Width);
        Assert.Equal(128, image.Height);
        Assert.Equal(224, Set.LoadImage(511).Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => Set.LoadImage(512));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SineGratingStimulusSet(imageSize: 64)); // would alias
    }

    [Fact]
    public void ContentHashIsStableAndDependsOnSize()
    {
        Assert.Matches("^[0-9a-f]{64}$", Set.ContentHash);
        Assert.Equal(Set.ContentHash, new SineGratingStimulusSet().ContentHash);
        Assert.NotEqual(Set.ContentHash, new SineGratingStimulusSet(imageSize: 256).ContentHash);
    }

    static RgbImage Image(double angle, double sf, double phase, GratingColour colour)
    {
        int index = Set.Gratings.ToList().IndexOf(new SineGratingParameters(angle, sf, phase, colour));
        Assert.True(index >= 0, $"grating {angle}/{sf}/{phase}/{colour} not in the set");
        return Set.LoadImage(index);
    }

    static int Red(RgbImage image, int x, int y) => image.Pixels[(y * image.Width + x) * 3];

    static double MeanRowVariance(RgbImage image) =>
        Enumerable.Range(0, image.Height).Average(y => Variance(Enumerable.Range(0, image.Width).Select(x => (double)Red(image, x, y))));

    static double MeanColumnVariance(RgbImage image) =>
        Enumerable.Range(0, image.Width).Average(x => Variance(Enumerable.Range(0, image.Height).Select(y => (double)Red(image, x, y))));

    static double Variance(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        double mean = v.Average();
        return v.Average(x => (x - mean) * (x - mean));
    }
}
