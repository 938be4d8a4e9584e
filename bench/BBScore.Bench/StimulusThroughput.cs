using System.Diagnostics;
using System.Text.Json;
using BBScore.Datasets.SineGratings;

namespace BBScore.Bench;

/// <summary>Images per second of producing the generated gratings (rendering only), single thread.</summary>
public static class StimulusThroughput
{
    public static int Run(string[] args)
    {
        var stimuli = new SineGratingStimulusSet();
        stimuli.LoadImage(0);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < stimuli.Count; i++) stimuli.LoadImage(i);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "gratings",
            images = stimuli.Count,
            seconds = Math.Round(seconds, 4),
            images_per_second = Math.Round(stimuli.Count / seconds, 1),
        }));
        return 0;
    }
}
