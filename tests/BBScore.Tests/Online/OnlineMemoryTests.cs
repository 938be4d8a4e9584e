using System.Diagnostics;
using BBScore.Metrics;
using BBScore.Metrics.Online.Regressor;
using BBScore.Metrics.Online.Streams;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Online;

/// <summary>Memory stays bounded by the batch as the stream grows. Measured on the process's working set, so it runs
/// alone (the non-parallel collection), never beside tests that allocate.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class OnlineMemoryTests
{
    static readonly RegressorSettings Quick = RegressorSettings.Default with { Epochs = 1, LearningRates = [0.05], WeightDecays = [0.0], BatchSize = 256 };

    /// <summary>One epoch over 50,000 and over 200,000 generated rows of 512 features (400 MB if held whole): the peak
    /// working set grows by the same few megabytes for both.</summary>
    [Fact]
    public void Memory_stays_flat_as_the_stream_grows()
    {
        long small = PeakGrowth(50_000), large = PeakGrowth(200_000);
        Assert.True(large < small + (64L << 20), $"peak grew {small >> 20} MiB over 50k rows but {large >> 20} MiB over 200k rows");
        Assert.True(large < 256L << 20, $"peak grew {large >> 20} MiB over 200k rows of 512 features");
    }

    static long PeakGrowth(int rows)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long before = process.WorkingSet64, peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });
        var features = new GeneratedRows(rows, 512, seed: 1);
        var targets = new GeneratedRows(rows, 4, seed: 2);
        var data = OnlineData.Split(features, targets, null, null, null, seed: 42, CompatMode.Fixed);
        new OnlineLinearRegressor(Quick, SilentProgress.Instance).Score(data);
        stop.Cancel();
        sampler.Wait();
        return peak - before;
    }

    /// <summary>Rows computed from their index (nothing stored): a stream of any length at no memory cost.</summary>
    sealed class GeneratedRows(int rows, int width, int seed) : IRowSource
    {
        public int Rows => rows;
        public int RowLength => width;
        public int[] UnitShape => [width];

        public void ReadRows(ReadOnlySpan<int> indices, Span<float> destination)
        {
            for (int i = 0; i < indices.Length; i++)
                for (int c = 0; c < width; c++)
                {
                    uint h = (uint)(indices[i] * 2654435761L + c * 40503L + seed * 97L);
                    h ^= h >> 15;
                    h *= 2246822519u;
                    h ^= h >> 13;
                    destination[i * width + c] = h / (float)uint.MaxValue - 0.5f;
                }
        }

        public void Dispose() { }
    }

}
