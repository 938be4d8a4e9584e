using System.Diagnostics;
using System.Text.Json;
using BBScore.Datasets.SineGratings;
using BBScore.Models;
using BBScore.Stimuli;

namespace BBScore.Bench;

/// <summary>Images per second of a model's forward pass with one layer exposed, per batch size, on
/// 224×224 grating images (preprocessing included, image decoding excluded). Best of 3 passes over
/// the same images after a warm-up batch.</summary>
public static class ExtractionThroughput
{
    public static int Run(string[] args)
    {
        string modelId = Workloads.Option(args, "--model", "resnet18");
        string layerName = Workloads.Option(args, "--layer", "layer4");
        int images = int.Parse(Workloads.Option(args, "--images", "96"));
        int threads = int.Parse(Workloads.Option(args, "--threads", "0"));
        int[] batches = Workloads.Option(args, "--batches", "1,8,32").Split(',').Select(int.Parse).ToArray();

        var stimuli = new SineGratingStimulusSet();
        var pool = Enumerable.Range(0, images).Select(i => stimuli.LoadImage(i * 5 % stimuli.Count)).ToArray();
        using var model = ModelCatalog.Open(modelId, new ModelOpenOptions { IntraOpThreads = threads });
        string layer = model.ResolveLayer(layerName);
        foreach (int batch in batches)
        {
            model.Extract(pool.Take(batch).ToArray(), [layer]); // warm-up: session for this output set, allocations
            double best = double.MaxValue;
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var clock = Stopwatch.StartNew();
                for (int start = 0; start + batch <= images; start += batch)
                    model.Extract(new ArraySegment<RgbImage>(pool, start, batch), [layer]);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            int done = images / batch * batch;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                workload = "extraction",
                model = modelId,
                layer = layerName,
                batch_size = batch,
                images = done,
                seconds = Math.Round(best, 4),
                images_per_second = Math.Round(done / best, 2),
                threads = threads == 0 ? Environment.ProcessorCount : threads,
                cores = Environment.ProcessorCount,
            }));
        }
        return 0;
    }
}
