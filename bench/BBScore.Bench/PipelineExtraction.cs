using System.Diagnostics;
using System.Text.Json;
using BBScore.Datasets.SineGratings;
using BBScore.Features;
using BBScore.Models;
using BBScore.Progress;

namespace BBScore.Bench;

/// <summary>End-to-end extraction of all 512 gratings into a fresh feature cache (rendering,
/// preprocessing, forward pass, streaming to disk), as `bbscore run` does on a cache miss.</summary>
public static class PipelineExtraction
{
    public static int Run(string[] args)
    {
        string modelId = Workloads.Option(args, "--model", "resnet18");
        string layerName = Workloads.Option(args, "--layer", "layer4");
        int batch = int.Parse(Workloads.Option(args, "--batch", "32"));
        var cacheDir = Directory.CreateTempSubdirectory("bbscore-bench-");
        try
        {
            var open = Stopwatch.StartNew();
            using var model = ModelCatalog.Open(modelId, new ModelOpenOptions());
            string layer = model.ResolveLayer(layerName);
            double openSeconds = open.Elapsed.TotalSeconds;
            var stimuli = new SineGratingStimulusSet();
            var clock = Stopwatch.StartNew();
            new FeatureExtractor(model, new FeatureCache(cacheDir.FullName), SilentProgress.Instance).Extract(stimuli, [layer], batch);
            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                workload = "pipeline_extraction",
                model = modelId,
                layer = layerName,
                batch_size = batch,
                images = stimuli.Count,
                open_seconds = Math.Round(openSeconds, 3),
                seconds = Math.Round(seconds, 3),
                images_per_second = Math.Round(stimuli.Count / seconds, 2),
            }));
        }
        finally
        {
            cacheDir.Delete(recursive: true);
        }
        return 0;
    }
}
