using System.Text.Json;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Tests.Models;

public class HuggingFacePreprocessorConfigTests
{
    static ImagePreprocessSpec Parse(string json) => HuggingFacePreprocessorConfig.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void ConvNext_crop_pct_resizes_the_short_side_then_crops()
    {
        var spec = Parse("""
            {"crop_pct": 0.875, "image_processor_type": "ConvNextImageProcessor", "resample": 3,
             "size": {"shortest_edge": 224}, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}
            """);

        Assert.Equal(new ResizeShortestEdge(256), spec.Resize);
        Assert.Equal((224, 224), spec.CenterCropSize);
        Assert.Equal(PilResampleFilter.Bicubic, spec.Resample);
        Assert.Equal((224, 224), new NormalizingImagePreprocessor(spec).OutputSize(new RgbImage(640, 480, new byte[640 * 480 * 3])));
        Assert.Contains("resize the shorter side to 256", spec.Describe());
        Assert.Contains("center crop 224x224", spec.Describe());
    }

    [Fact]
    public void Clip_style_shortest_edge_and_center_crop()
    {
        var spec = Parse("""
            {"image_processor_type": "CLIPImageProcessor", "do_center_crop": true, "crop_size": {"height": 224, "width": 224},
             "size": {"shortest_edge": 224}, "resample": 3, "image_mean": [0.48145466, 0.4578275, 0.40821073],
             "image_std": [0.26862954, 0.26130258, 0.27577711]}
            """);

        Assert.Equal(new ResizeShortestEdge(224), spec.Resize);
        Assert.Equal((224, 224), spec.CenterCropSize);
        Assert.Equal(0.48145466f, spec.Mean![0]);
        Assert.Equal(1.0 / 255.0, spec.RescaleFactor);
    }

    [Fact]
    public void Shortest_edge_keeps_the_aspect_ratio_like_transformers()
    {
        Assert.Equal((224, 298), new ResizeShortestEdge(224).TargetSize(480, 640));
        Assert.Equal((298, 224), new ResizeShortestEdge(224).TargetSize(640, 480));
        Assert.Equal((199, 266), new ResizeShortestEdge(224, LongestEdge: 266).TargetSize(480, 640)); // int(266 * 224 / 298)
    }

    [Fact]
    public void Switched_off_steps_are_skipped_and_described()
    {
        var spec = Parse("""{"do_resize": false, "do_rescale": false, "do_normalize": false}""");

        Assert.Null(spec.Resize);
        Assert.Null(spec.RescaleFactor);
        Assert.Null(spec.Mean);
        Assert.Contains("no rescaling", spec.Describe());
        Assert.Contains("no normalization", spec.Describe());
    }

    [Fact]
    public void Center_crop_larger_than_the_image_pads_with_zeros_like_transformers()
    {
        var image = new RgbImage(3, 2, Enumerable.Repeat((byte)9, 18).ToArray());

        var cropped = CenterCrop.Apply(image, 4, 4);

        Assert.Equal((4, 4), (cropped.Width, cropped.Height));
        // Image rows land on canvas rows 1-2, columns 1-3.
        Assert.Equal(0, cropped.Pixels[(0 * 4 + 1) * 3]);
        Assert.Equal(9, cropped.Pixels[(1 * 4 + 1) * 3]);
        Assert.Equal(9, cropped.Pixels[(2 * 4 + 3) * 3]);
        Assert.Equal(0, cropped.Pixels[(1 * 4 + 0) * 3]);
        Assert.Equal(0, cropped.Pixels[(3 * 4 + 2) * 3]);
    }

    /// <summary>SamImageProcessor: longer side to 1024 (sides rounded half up), normalise, then zero-pad
    /// bottom and right to 1024x1024.</summary>
    [Fact]
    public void Sam_resizes_the_longer_side_and_pads_after_normalising()
    {
        const string sam = """
            {"image_processor_type": "SamImageProcessor", "do_resize": true, "size": {"longest_edge": 1024}, "resample": 2,
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": true,
             "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225],
             "do_pad": true, "pad_size": {"height": 1024, "width": 1024}}
            """;
        var spec = Parse(sam);
        Assert.Equal((682, 1024), spec.Resize!.TargetSize(333, 500)); // 333 x 2.048 = 681.98 -> 682
        Assert.Equal((1024, 768), spec.Resize.TargetSize(640, 480));
        var padded = new NormalizingImagePreprocessor(spec);
        var unpadded = new NormalizingImagePreprocessor(spec with { PadSize = null });
        Assert.Contains("zero-pad bottom and right to 1024x1024", padded.Description);

        var pixels = new byte[500 * 333 * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 % 251);
        var image = new RgbImage(500, 333, pixels);
        Assert.Equal((1024, 1024), padded.OutputSize(image));
        Assert.Equal((682, 1024), unpadded.OutputSize(image));
        var withPad = new float[3 * 1024 * 1024];
        var without = new float[3 * 682 * 1024];
        padded.Write(image, withPad);
        unpadded.Write(image, without);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 1024; y += 31)
                for (int x = 0; x < 1024; x += 37)
                {
                    float expected = y < 682 ? without[(c * 682 + y) * 1024 + x] : 0f;
                    Assert.Equal(expected, withPad[(c * 1024 + y) * 1024 + x]);
                }
    }
}
