namespace BBScore.Models.WeightFree;

/// <summary>One filter of the pyramid (pymoten's parameter names): centre in image units (height = 1,
/// width = aspect ratio), direction of motion in degrees, spatial frequency in cycles per image, the
/// spatial Gaussian's s.d., temporal frequency in Hz and the temporal Gaussian's s.d.</summary>
public sealed record MotionEnergyFilter(
    double CenterH, double CenterV, double Direction, double SpatialFreq, double SpatialEnv, double TemporalFreq, double TemporalEnv);

/// <summary>pymoten's default motion-energy pyramid (<c>moten.get_default_pyramid(vhsize, fps)</c>, i.e.
/// <c>core.mk_moten_pyramid_params</c> with its defaults, Nishimoto et al. 2011): temporal frequencies
/// 0, 2, 4 Hz; spatial frequencies 0 (local DC), 2, 4, 8, 16, 32 cycles/image; directions 0..315 by
/// 45°; spatial envelope min(0.6/sf, 0.3); gabors spaced 3.5 envelopes apart, edges excluded;
/// temporal envelope min(10/tf, 0.3) = 0.3; temporal width int(fps·2/3) frames; no phase offset.
/// 0 Hz filters skip directions ≥ 180° (no motion, so they repeat 0..135°). 6555 filters for a square
/// frame.</summary>
public sealed class MotionEnergyPyramid
{
    static readonly double[] TemporalFrequencies = [0, 2, 4];
    static readonly double[] SpatialFrequencies = [2, 4, 8, 16, 32]; // plus the local DC filters (0)
    static readonly double[] Directions = [0, 45, 90, 135, 180, 225, 270, 315];
    const double SfGaussRatio = 0.6, MaxSpatialEnv = 0.3, GaborSpacing = 3.5, TfGaussRatio = 10, MaxTempEnv = 0.3;

    /// <summary>pymoten's threshold on |sin| + |cos| below which spatial weights are zeroed.</summary>
    public const double MaskLimit = 0.001;

    public MotionEnergyPyramid(int height, int width, double fps)
    {
        Height = height;
        Width = width;
        Fps = fps;
        TemporalWidth = (int)(fps * (2 / 3.0));
        if (TemporalWidth < 1) throw new ArgumentOutOfRangeException(nameof(fps), $"fps {fps} gives a temporal filter of no frames.");
        Filters = Parameters(width / (double)height);
    }

    public int Height { get; }
    public int Width { get; }
    public double Fps { get; }

    /// <summary>Frames per temporal filter.</summary>
    public int TemporalWidth { get; }

    /// <summary>0-based index of the filter tap aligned with the output frame (pymoten's ceil(width/2) − 1).</summary>
    public int TemporalCentre => (TemporalWidth + 1) / 2 - 1;

    public IReadOnlyList<MotionEnergyFilter> Filters { get; }

    /// <summary>The parameter list in pymoten's order: spatial frequency, direction, centre x, centre y,
    /// temporal frequency (a local DC filter after each direction-0 filter).</summary>
    static List<MotionEnergyFilter> Parameters(double aspect)
    {
        var result = new List<MotionEnergyFilter>();
        foreach (double sf in SpatialFrequencies)
            foreach (double direction in Directions)
            {
                double env = Math.Min(1.0 / sf * SfGaussRatio, MaxSpatialEnv);
                double vSpace = Math.Max(Math.Floor((1.0 - env * GaborSpacing) / (GaborSpacing * env) / 2.0), 0);
                double hSpace = Math.Max(Math.Floor((aspect - env * GaborSpacing) / (GaborSpacing * env) / 2.0), 0);
                for (double i = -hSpace; i <= hSpace; i++)
                    for (double j = -vSpace; j <= vSpace; j++)
                    {
                        double cx = env * GaborSpacing * i + aspect / 2.0, cy = env * GaborSpacing * j + 0.5;
                        foreach (double tf in TemporalFrequencies)
                        {
                            double tenv = Math.Min(tf == 0 ? double.PositiveInfinity : 1.0 / tf * TfGaussRatio, MaxTempEnv);
                            if (tf == 0 && direction >= 180) continue;
                            result.Add(new MotionEnergyFilter(cx, cy, direction, sf, env, tf, tenv));
                            if (direction == 0) result.Add(new MotionEnergyFilter(cx, cy, direction, 0, env, tf, tenv));
                        }
                    }
            }
        return result;
    }

    /// <summary>The spatial quadrature pair of a filter (pymoten <c>mk_3d_gabor</c>), masked where
    /// |sin| + |cos| ≤ <see cref="MaskLimit"/>, kept only over the rows/columns the mask can reach.</summary>
    public SpatialPair Spatial(MotionEnergyFilter f)
    {
        double aspect = Width / (double)Height;
        double fh = -f.SpatialFreq * Math.Cos(f.Direction / 180.0 * Math.PI) * 2 * Math.PI;
        double fv = f.SpatialFreq * Math.Sin(f.Direction / 180.0 * Math.PI) * 2 * Math.PI;
        // |sin| + |cos| ≤ √2, so the mask is inside the disc where the Gaussian exceeds MaskLimit/√2.
        double reach = f.SpatialEnv * Math.Sqrt(2 * Math.Log(Math.Sqrt(2) / MaskLimit));
        var (c0, c1) = IndexRange(f.CenterH - reach, f.CenterH + reach, Width, aspect);
        var (r0, r1) = IndexRange(f.CenterV - reach, f.CenterV + reach, Height, 1.0);
        int rows = r1 - r0 + 1, cols = c1 - c0 + 1;
        var sin = new double[rows * cols];
        var cos = new double[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            double dv = Linspace(r0 + r, Height, 1.0) - f.CenterV;
            for (int c = 0; c < cols; c++)
            {
                double dh = Linspace(c0 + c, Width, aspect) - f.CenterH;
                double gauss = Math.Exp(-(dh * dh + dv * dv) / (2 * f.SpatialEnv * f.SpatialEnv));
                double phase = dh * fh + dv * fv;
                double s = gauss * Math.Sin(phase), k = gauss * Math.Cos(phase);
                if (Math.Abs(s) + Math.Abs(k) <= MaskLimit) continue;
                sin[r * cols + c] = s;
                cos[r * cols + c] = k;
            }
        }
        return new SpatialPair(r0, c0, rows, cols, sin, cos);
    }

    /// <summary>The temporal quadrature pair (sin, cos) over <see cref="TemporalWidth"/> taps.</summary>
    public (double[] Sin, double[] Cos) Temporal(MotionEnergyFilter f)
    {
        int w = TemporalWidth;
        double ft = f.TemporalFreq * (w / Fps) * 2 * Math.PI;
        var sin = new double[w];
        var cos = new double[w];
        for (int i = 0; i < w; i++)
        {
            double t = i * (1.0 / w) - 0.5;
            double gauss = Math.Exp(-(t * t) / (2 * f.TemporalEnv * f.TemporalEnv));
            sin[i] = gauss * Math.Sin(t * ft);
            cos[i] = gauss * Math.Cos(t * ft);
        }
        return (sin, cos);
    }

    /// <summary>numpy's <c>linspace(0, stop, n)[i]</c>.</summary>
    static double Linspace(int i, int n, double stop) => n == 1 ? 0 : i == n - 1 ? stop : i * (stop / (n - 1));

    /// <summary>The pixel indices whose coordinate (linspace(0, stop, n)) can fall in [lo, hi], widened by one.</summary>
    static (int First, int Last) IndexRange(double lo, double hi, int n, double stop)
    {
        double step = n == 1 ? 1 : stop / (n - 1);
        int first = Math.Clamp((int)Math.Floor(lo / step) - 1, 0, n - 1);
        int last = Math.Clamp((int)Math.Ceiling(hi / step) + 1, 0, n - 1);
        return (first, last);
    }
}

/// <summary>A masked spatial quadrature pair over the window of rows <see cref="Row"/>.. and columns
/// <see cref="Column"/>.. of the frame (zero elsewhere), row-major.</summary>
public sealed record SpatialPair(int Row, int Column, int Rows, int Columns, double[] Sin, double[] Cos);
