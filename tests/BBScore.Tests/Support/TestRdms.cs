using BBScore.Formats;

namespace BBScore.Tests.Support;

/// <summary>Generated target RDMs and responses saved as .npy files.</summary>
public static class TestRdms
{
    /// <summary>Seeded random responses, stimuli × units, float32.</summary>
    public static float[] Responses(int stimuli, int units, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, stimuli * units).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>(subjects, N, N) Euclidean RDMs of seeded random responses, float32, saved to <paramref name="path"/>.</summary>
    public static void WriteStackedSquare(string path, int subjects, int stimuli, int seed = 1, int units = 5)
    {
        var data = new float[subjects * stimuli * stimuli];
        for (int s = 0; s < subjects; s++)
        {
            float[] responses = Responses(stimuli, units, seed + s);
            for (int i = 0; i < stimuli; i++)
                for (int j = 0; j < stimuli; j++)
                {
                    double sum = 0;
                    for (int u = 0; u < units; u++) sum += Math.Pow(responses[i * units + u] - responses[j * units + u], 2);
                    data[(s * stimuli + i) * stimuli + j] = (float)Math.Sqrt(sum);
                }
        }
        NpyFile.WriteFloat32(path, data, [subjects, stimuli, stimuli]);
    }
}
