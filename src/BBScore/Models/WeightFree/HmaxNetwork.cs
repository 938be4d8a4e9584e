using BBScore.Numerics;
using BBScore.Numerics.Blas;
using TorchSharp;

namespace BBScore.Models.WeightFree;

/// <summary>The S1 → C1 → S2 → C2 computation of the original's hmax_model.py on one square grey
/// image, in plain loops with double accumulation (the original runs float32 convolutions).
/// Maps are row-major (channels, height, width).</summary>
public sealed class HmaxNetwork
{
    /// <summary>S1 scales pooled by each C1 band (two consecutive scales) and the band's pool size.</summary>
    public const int Bands = 8;

    readonly float[][] _banks = Enumerable.Range(0, HmaxGabor.Sizes.Count).Select(HmaxGabor.Bank).ToArray();

    public static int PoolSize(int band) => 8 + 2 * band;

    /// <summary>S1: per scale (4, n, n) = |xcorr(image, gabor)| / sqrt(xcorr(image², ones)) with zero
    /// padding size/2 (a zero norm counts as 1).</summary>
    public float[][] S1(float[] image, int n)
    {
        var squares = new double[n * n];
        for (int i = 0; i < squares.Length; i++) squares[i] = (double)image[i] * image[i];
        var result = new float[_banks.Length][];
        Parallel.For(0, _banks.Length, s =>
        {
            int size = HmaxGabor.Sizes[s], pad = size / 2;
            var norm = BoxSum(squares, n, n, size, pad);
            var output = new float[4 * n * n];
            for (int o = 0; o < 4; o++)
            {
                var response = Correlate(image, n, n, _banks[s].AsSpan(o * size * size, size * size), size, pad);
                for (int k = 0; k < n * n; k++)
                {
                    double d = Math.Sqrt(norm[k]);
                    output[o * n * n + k] = (float)(Math.Abs(response[k]) / (d == 0 ? 1 : d));
                }
            }
            result[s] = output;
        });
        return result;
    }

    /// <summary>C1 band b: element-wise max of S1 scales 2b and 2b+1, then max pooling with window k = 8 + 2b,
    /// stride k/2 and padding k/2 (padding never wins). Returns (4, h, h) maps with their side h.</summary>
    public static (float[] Map, int Side)[] C1(float[][] s1, int n)
    {
        var result = new (float[], int)[Bands];
        for (int b = 0; b < Bands; b++)
        {
            int k = PoolSize(b), stride = k / 2, pad = k / 2;
            int h = (n + 2 * pad - k) / stride + 1;
            var map = new float[4 * h * h];
            float[] a = s1[2 * b], c = s1[2 * b + 1];
            for (int o = 0; o < 4; o++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < h; x++)
                    {
                        float best = float.NegativeInfinity;
                        for (int i = y * stride - pad; i < y * stride - pad + k; i++)
                        {
                            if (i < 0 || i >= n) continue;
                            for (int j = x * stride - pad; j < x * stride - pad + k; j++)
                            {
                                if (j < 0 || j >= n) continue;
                                int at = o * n * n + i * n + j;
                                best = Math.Max(best, Math.Max(a[at], c[at]));
                            }
                        }
                        map[(o * h + y) * h + x] = best;
                    }
            result[b] = (map, h);
        }
        return result;
    }

    /// <summary>S2 for one patch scale over every C1 band: the Gaussian RBF exp(−‖window − patch‖²/2)
    /// computed as the original does, xcorr(Σ_o c1², ones) − 2·Σ_o xcorr(c1_o, patch_o) + ‖patch‖², zero
    /// padding size/2. Per band: (patches, h', h'). The correlations with all patches are one matrix
    /// product per band (windows × patch weights, in double) rather than 400 small convolutions.</summary>
    public static (float[] Map, int Side)[] S2((float[] Map, int Side)[] c1, HmaxPatchScale patches)
    {
        TorchRuntime.EnsureLoaded();
        int s = patches.Size, pad = s / 2, count = patches.Count, per = 4 * s * s;
        var squaredNorms = new double[count];
        var weights = new double[per * count]; // (per, count): column p is patch p flattened (o, y, x)
        for (int p = 0; p < count; p++)
            for (int k = 0; k < per; k++)
            {
                double w = patches.Weights[p * per + k];
                squaredNorms[p] += w * w;
                weights[k * count + p] = w;
            }
        using var weightTensor = torch.tensor(weights, [per, count]);
        var result = new (float[], int)[c1.Length];
        for (int b = 0; b < c1.Length; b++)
        {
            var (map, h) = c1[b];
            var energy = new double[h * h];
            for (int o = 0; o < 4; o++)
                for (int k = 0; k < h * h; k++) energy[k] += (double)map[o * h * h + k] * map[o * h * h + k];
            var windowEnergy = BoxSum(energy, h, h, s, pad);
            int side = h + 2 * pad - s + 1, positions = side * side;
            var windows = new double[positions * per]; // (positions, per), zero where the window leaves the map
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    int row = (y * side + x) * per;
                    for (int o = 0; o < 4; o++)
                        for (int i = 0; i < s; i++)
                        {
                            int yy = y + i - pad;
                            if (yy < 0 || yy >= h) continue;
                            for (int j = 0; j < s; j++)
                            {
                                int xx = x + j - pad;
                                if (xx >= 0 && xx < h) windows[row + (o * s + i) * s + j] = map[(o * h + yy) * h + xx];
                            }
                        }
                }
            using var windowTensor = torch.tensor(windows, [positions, per]);
            using var dotTensor = MatrixProduct.Of(windowTensor, weightTensor);
            double[] dot = dotTensor.data<double>().ToArray(); // (positions, count)
            var output = new float[count * positions];
            for (int p = 0; p < count; p++)
                for (int k = 0; k < positions; k++)
                    output[p * positions + k] = (float)Math.Exp(-(windowEnergy[k] - 2 * dot[k * count + p] + squaredNorms[p]) / 2);
            result[b] = (output, side);
        }
        return result;
    }

    /// <summary>C2 for one patch scale: the maximum of each patch's S2 response over bands and positions.</summary>
    public static float[] C2((float[] Map, int Side)[] s2, int count)
    {
        var best = Enumerable.Repeat(float.NegativeInfinity, count).ToArray();
        foreach (var (map, side) in s2)
            for (int p = 0; p < count; p++)
                for (int k = 0; k < side * side; k++) best[p] = Math.Max(best[p], map[p * side * side + k]);
        return best;
    }

    /// <summary>Cross-correlation (PyTorch conv2d) of an h×w image with a k×k kernel, zero padding
    /// <paramref name="pad"/>; output (h + 2·pad − k + 1) × (w + 2·pad − k + 1).</summary>
    static double[] Correlate(ReadOnlySpan<float> image, int h, int w, ReadOnlySpan<float> kernel, int k, int pad)
    {
        int oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
        var output = new double[oh * ow];
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < ow; x++)
            {
                double sum = 0;
                int i0 = Math.Max(0, pad - y), i1 = Math.Min(k, h + pad - y);
                int j0 = Math.Max(0, pad - x), j1 = Math.Min(k, w + pad - x);
                for (int i = i0; i < i1; i++)
                {
                    int row = (y + i - pad) * w + x - pad;
                    for (int j = j0; j < j1; j++) sum += image[row + j] * (double)kernel[i * k + j];
                }
                output[y * ow + x] = sum;
            }
        return output;
    }

    /// <summary>Sum over every k×k window of a zero-padded map (the original's all-ones convolution).</summary>
    static double[] BoxSum(double[] values, int h, int w, int k, int pad)
    {
        int oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
        var output = new double[oh * ow];
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < ow; x++)
            {
                double sum = 0;
                for (int i = Math.Max(0, y - pad); i < Math.Min(h, y - pad + k); i++)
                    for (int j = Math.Max(0, x - pad); j < Math.Min(w, x - pad + k); j++) sum += values[i * w + j];
                output[y * ow + x] = sum;
            }
        return output;
    }
}
