using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.WeightFree;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.WeightFree;

/// <summary>Shapes, layer names, determinism and catalog wiring of pixel, hmax and motion-energy.</summary>
public class WeightFreeModelTests
{
    static RgbImage Image(int size, int seed)
    {
        var pixels = new byte[size * size * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(size, size, pixels);
    }

    static VideoStimulus Clip(int frames, int size, int seed) =>
        new(Enumerable.Range(0, frames).Select(t => Image(size, seed * 100 + t)).ToList(), 25);

    [Fact]
    public void Pixel_is_the_imagenet_normalised_input()
    {
        using var model = new PixelModel();
        var image = Image(256, 1); // already 256×256: no resize
        var features = model.Extract([new ImageStimulus(image), new ImageStimulus(Image(40, 2))], [""])[""];
        Assert.Equal([2, 3, 256, 256], features.Shape);
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];
        foreach (int pixel in new[] { 0, 777, 256 * 256 - 1 })
            for (int c = 0; c < 3; c++)
                Assert.Equal((image.Pixels[pixel * 3 + c] / 255f - mean[c]) / std[c], features.Data[c * 256 * 256 + pixel], 1e-5f);
    }

    [Fact]
    public void Pixel_runs_clips_frame_by_frame_and_accepts_the_original_layer_names()
    {
        using var model = new PixelModel();
        Assert.Equal(PixelModel.LayerName, model.ResolveLayer(""));
        Assert.Equal(PixelModel.LayerName, model.ResolveLayer("_orig_mod.identity_layer"));
        var clips = model.Extract([Clip(3, 20, 1), Clip(3, 20, 2)], ["pixels"])["pixels"];
        Assert.Equal([2, 3, 3, 256, 256], clips.Shape);
        var still = model.Extract([new ImageStimulus(Clip(3, 20, 2).Frames[1])], ["pixels"])["pixels"];
        Assert.Equal(still.Data, clips.Data.AsSpan((3 + 1) * still.Data.Length, still.Data.Length).ToArray());
    }

    [Fact]
    public void Hmax_lists_and_extracts_the_stacked_layers()
    {
        using var model = new HmaxModel();
        Assert.False(model.Patches.IsUniversal);
        var listed = model.ListLayers().ToDictionary(l => l.Name, l => l.Shape!);
        Assert.Equal([16, 4, 64, 64], listed["s1_out"]);
        Assert.Equal([8, 4, 6, 6], listed["c1_out"]);
        Assert.Equal([32, 400, 7, 7], listed["s2_out"]);
        Assert.Equal([4, 400], listed["c2_out"]);

        var images = model.Extract([new ImageStimulus(Image(50, 1)), new ImageStimulus(Image(70, 2))], ["c1", "c2"]);
        Assert.Equal([2, .. listed["c1_out"]], images["c1"].Shape);
        Assert.Equal([2, .. listed["c2_out"]], images["c2"].Shape);
        Assert.All(images["c2"].Data, v => Assert.InRange(v, 0f, 1f)); // a Gaussian RBF
        Assert.NotEqual(images["c2"].Data.AsSpan(0, 1600).ToArray(), images["c2"].Data.AsSpan(1600, 1600).ToArray());

        var clips = model.Extract([Clip(2, 30, 1), Clip(2, 30, 2)], ["s1_out"])["s1_out"];
        Assert.Equal([2, 2, .. listed["s1_out"]], clips.Shape);
    }

    [Fact]
    public void Hmax_is_deterministic_and_its_identity_names_the_patch_set()
    {
        using var a = new HmaxModel();
        using var b = new HmaxModel(HmaxPatchSet.Load(WeightFreeFixtures.PathOf("hmax", "patchset.mat")));
        Assert.Equal(a.Identity, new HmaxModel().Identity);
        Assert.NotEqual(a.Identity.WeightsHash, b.Identity.WeightsHash);
        Assert.Contains("seeded", a.Identity.Preprocessing, StringComparison.Ordinal);
        var image = new ImageStimulus(Image(64, 5));
        Assert.Equal(a.Extract([image], ["s1"])["s1"].Data, new HmaxModel().Extract([image], ["s1"])["s1"].Data);
    }

    [Fact]
    public void Tensor_lists_are_cropped_to_the_minimum_shape_and_stacked()
    {
        float[] big = Enumerable.Range(0, 2 * 3 * 3).Select(i => (float)i).ToArray(); // (2,3,3)
        float[] small = Enumerable.Range(100, 2 * 2 * 2).Select(i => (float)i).ToArray(); // (2,2,2)
        var (data, shape) = TensorListStack.CropAndStack([(big, [2, 3, 3]), (small, [2, 2, 2])]);
        Assert.Equal([2, 2, 2, 2], shape);
        Assert.Equal([0f, 1, 3, 4, 9, 10, 12, 13, 100, 101, 102, 103, 104, 105, 106, 107], data);
    }

    [Fact]
    public void Motion_energy_takes_clips_and_images_as_still_clips()
    {
        using var model = new MotionEnergyModel(frameSize: 24, fps: 25);
        int filters = model.Pyramid.Filters.Count;
        Assert.Equal([1, filters], model.ListLayers()[0].Shape!);
        var clips = model.Extract([Clip(4, 30, 1), Clip(4, 30, 2)], [""])[""];
        Assert.Equal([2, 4, filters], clips.Shape);

        var frame = Image(24, 9);
        var images = model.Extract([new ImageStimulus(frame), new ImageStimulus(Image(24, 10))], ["energy"])["energy"];
        Assert.Equal([2, 1, filters], images.Shape);
        var still = new VideoStimulus(Enumerable.Repeat(frame, 16).ToList(), 25);
        var clipOfStill = model.Extract([still], ["energy"])["energy"];
        int keep = 16 - 1 - model.Pyramid.TemporalCentre; // the frame whose 16 taps all fall inside the clip
        Assert.Equal(clipOfStill.Data.AsSpan(keep * filters, filters).ToArray(), images.Data.AsSpan(0, filters).ToArray());
    }

    [Fact]
    public void Motion_energy_from_the_catalog_uses_the_224_pixel_25_fps_pyramid()
    {
        using var dir = new TempDir();
        using var model = (MotionEnergyModel)ModelCatalog.Open("motion-energy", new ModelOpenOptions { Offline = true }, dir.Path);
        Assert.Equal((224, 224, 25.0, 16, 6555), (model.Pyramid.Height, model.Pyramid.Width, model.Fps, model.Pyramid.TemporalWidth, model.Pyramid.Filters.Count));
        var energies = model.Extract([Clip(2, 32, 3)], ["energy"])["energy"];
        Assert.Equal([1, 2, 6555], energies.Shape);
        Assert.All(energies.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Family_supports_the_three_keys_and_reports_status()
    {
        using var dir = new TempDir();
        var family = new WeightFreeModelFamily();
        var cards = new[] { "pixel", "hmax", "motion-energy" }.Select(k => ModelCards.Find(k)!).ToList();
        Assert.All(cards, c => Assert.True(family.Supports(c)));
        Assert.False(family.Supports(ModelCards.Find("alexnet_untrained")!));
        Assert.Equal("ready (offline)", family.Status(cards[0], dir.Path));
        Assert.Equal("ready (offline, seeded patches)", family.Status(cards[1], dir.Path));
        Directory.CreateDirectory(Path.Combine(dir.Path, "hmax"));
        File.Copy(WeightFreeFixtures.PathOf("hmax", "patchset.mat"), HmaxPatchSet.LocalPath(dir.Path));
        Assert.Equal("ready (universal patches)", family.Status(cards[1], dir.Path));
        using var hmax = (HmaxModel)family.Open(cards[1], new ModelOpenOptions { Offline = true }, dir.Path);
        Assert.True(hmax.Patches.IsUniversal);
    }

    [Fact]
    public void Catalog_opens_pixel()
    {
        using var dir = new TempDir();
        using var model = ModelCatalog.Open("pixel", new ModelOpenOptions { Offline = true }, dir.Path);
        Assert.IsType<PixelModel>(model);
        Assert.Equal("pixel", model.Identity.Id);
        Assert.Equal(64, model.Identity.WeightsHash.Length);
        Assert.Equal([1, 3, 256, 256], model.Extract([Image(10, 1)], ["identity_layer"])["identity_layer"].Shape);
    }
}
