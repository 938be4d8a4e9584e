namespace BBScore.Models.WeightFree;

/// <summary>The S1 Gabor bank of the original's hmax_model.py (Serre et al. 2007 as ported by
/// M. van Vliet): 16 scales of 7..37 px with wavelength parameters 4 .. 3.25, four orientations
/// (90, −45, 0, 45 degrees), aspect ratio γ = 0.3, σ = 0.8·λ with λ = 2·size / wavelength, zero
/// outside the inscribed disc, then zero mean and unit L2 norm.</summary>
public static class HmaxGabor
{
    /// <summary>Orientations in degrees, in channel order.</summary>
    public static IReadOnlyList<double> Orientations { get; } = [90, -45, 0, 45];

    /// <summary>Filter sizes (px), one per S1 scale.</summary>
    public static IReadOnlyList<int> Sizes { get; } = Enumerable.Range(0, 16).Select(i => 7 + 2 * i).ToList();

    /// <summary>The "wavelength" argument per scale, as the original lists it.</summary>
    public static IReadOnlyList<double> Wavelengths { get; } =
        [4, 3.95, 3.9, 3.85, 3.8, 3.75, 3.7, 3.65, 3.6, 3.55, 3.5, 3.45, 3.4, 3.35, 3.3, 3.25];

    const double Gamma = 0.3;

    /// <summary>One filter, row-major size×size: element [i, j] has x = i − size/2 (rows), y = j − size/2,
    /// exactly as numpy's <c>mgrid[:size, :size] - size // 2</c> in the original.</summary>
    public static double[] Filter(int size, double wavelength, double orientation)
    {
        double lambda = size * 2.0 / wavelength;
        double sigma = lambda * 0.8;
        double theta = (orientation + 90) * Math.PI / 180.0;
        int c = size / 2;
        var f = new double[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                double x = i - c, y = j - c;
                double rotx = x * Math.Cos(theta) + y * Math.Sin(theta);
                double roty = -x * Math.Sin(theta) + y * Math.Cos(theta);
                double v = Math.Exp(-(rotx * rotx + Gamma * Gamma * roty * roty) / (2 * sigma * sigma)) * Math.Cos(2 * Math.PI * rotx / lambda);
                f[i * size + j] = Math.Sqrt(x * x + y * y) > size / 2.0 ? 0 : v;
            }
        double mean = f.Average();
        for (int k = 0; k < f.Length; k++) f[k] -= mean;
        double norm = Math.Sqrt(f.Sum(v => v * v));
        for (int k = 0; k < f.Length; k++) f[k] /= norm;
        return f;
    }

    /// <summary>The four orientation filters of one scale as the model holds them (float32 weights, as
    /// the original's Conv2d), (4, size, size) row-major.</summary>
    public static float[] Bank(int scale)
    {
        int size = Sizes[scale];
        var bank = new float[4 * size * size];
        for (int o = 0; o < 4; o++)
        {
            var f = Filter(size, Wavelengths[scale], Orientations[o]);
            for (int k = 0; k < f.Length; k++) bank[o * size * size + k] = (float)f[k];
        }
        return bank;
    }
}
