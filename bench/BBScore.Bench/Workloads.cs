namespace BBScore.Bench;

/// <summary>Dispatches a workload by name; unknown names list the available ones.</summary>
public static class Workloads
{
    static readonly Dictionary<string, (string Help, Func<string[], int> Run)> All = new()
    {
        ["gratings"] = ("grating rendering images/second (one thread)", StimulusThroughput.Run),
        ["pipeline"] = ("end-to-end extraction into a fresh cache, of the 512 gratings or of N decoded JPEG files: pipeline [--model resnet18] [--layer layer4] [--batch 32] [--jpeg N]", PipelineExtraction.Run),
        ["ridge"] = ("RidgeCV (per-target alpha, efficient LOO) on the shared/bench/bench.py shapes: ridge --workload A|B|C [--targets T] [--repeats 3]", RidgeWorkloads.Run),
        ["extraction"] = ("model images/second per batch size: extraction [--model resnet18] [--layer layer4] [--batches 1,8,32] [--images 96] [--threads 0]", ExtractionThroughput.Run),
        ["matching"] = ("Hungarian 512x512 and Sinkhorn 1024x1024: matching [--size 512] [--ot-size 1024] [--regs 0.01,0.1] [--repeats 3]", MatchingWorkloads.Run),
        ["bmd-clips"] = (BmdClipsWorkload.Help, BmdClipsWorkload.Run),
        ["lebel-tr-text"] = (LeBelTrTextWorkload.Help, LeBelTrTextWorkload.Run),
        ["online-readouts"] = (OnlineReadoutsWorkload.Help, OnlineReadoutsWorkload.Run),
        ["vit-runtimes"] = (VitRuntimesWorkload.Help, VitRuntimesWorkload.Run),
        ["streamed-ridge"] = (StreamedRidgeWorkload.Help, StreamedRidgeWorkload.Run),
        ["rsa"] = ("RDMs (1000 stimuli x 25088 f32 features vs 1000 x 5000 targets) + 5 comparisons; Kendall tau-b/tau-a on 500k pairs: rsa [--part rdm|kendall|all] [--repeats 3]", SimilarityRsaWorkloads.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var workload))
        {
            Console.Error.WriteLine("workloads:");
            foreach (var (name, (help, _)) in All) Console.Error.WriteLine($"  {name}: {help}");
            return 2;
        }
        return workload.Run(args[1..]);
    }

    /// <summary>Value of "--name value" in args, or the fallback.</summary>
    public static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
