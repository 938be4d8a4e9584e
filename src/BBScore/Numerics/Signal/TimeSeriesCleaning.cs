namespace BBScore.Numerics.Signal;

/// <summary>The time-series cleaning of nilearn's <c>NiftiMasker(detrend=True, standardize='zscore_sample',
/// high_pass=..., t_r=...)</c>, i.e. <c>nilearn.signal.clean</c> with its default Butterworth filter, in nilearn's
/// order: linear detrend, zero-phase high-pass, z-score with the sample standard deviation. Each voxel (column)
/// is cleaned on its own.</summary>
public static class TimeSeriesCleaning
{
    /// <summary>nilearn's butterworth() always designs a fifth-order filter.</summary>
    public const int FilterOrder = 5;

    /// <summary>nilearn's _standardize: a std below float64 eps (numpy.finfo(np.float64).eps) is replaced by 1, so a
    /// constant column ends up all zeros instead of NaN.</summary>
    public const double MinimumStd = 2.220446049250313e-16;

    /// <summary>Cleans <paramref name="signals"/> (time points × voxels) in place.</summary>
    /// <param name="signals">One row per time point, one column per voxel.</param>
    /// <param name="repetitionTime">Sampling interval (t_r) in seconds.</param>
    /// <param name="highPassHz">High-pass cutoff in Hz; below the Nyquist frequency 0.5 / t_r.</param>
    /// <exception cref="ArgumentException">Too few time points for filtfilt's padding (more than 18 are needed).</exception>
    public static void Clean(double[,] signals, double repetitionTime, double highPassHz)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (!(repetitionTime > 0))
            throw new ArgumentOutOfRangeException(nameof(repetitionTime), repetitionTime, "t_r must be positive.");
        if (!(highPassHz > 0))
            throw new ArgumentOutOfRangeException(nameof(highPassHz), highPassHz, "The high-pass cutoff must be positive.");
        // nilearn's butterworth: sampling_rate = 1 / t_r, nyquist = 0.5 * sampling_rate, Wn = high_pass / nyquist,
        // then signal.butter(N=5, Wn, btype='high', output='ba').
        double nyquist = 1.0 / repetitionTime * 0.5;
        (double[] b, double[] a) = Butterworth.HighPass(FilterOrder, highPassHz / nyquist);

        int timePoints = signals.GetLength(0);
        int voxels = signals.GetLength(1);
        int padLength = 3 * Math.Max(a.Length, b.Length);
        if (timePoints <= padLength)
            throw new ArgumentException(
                $"Cleaning needs more than {padLength} time points (filtfilt's default padlen for an order-{FilterOrder} " +
                $"filter); got {timePoints}.", nameof(signals));

        Parallel.For(0, voxels, voxel =>
        {
            var column = new double[timePoints];
            for (int t = 0; t < timePoints; t++) column[t] = signals[t, voxel];
            RemoveLinearTrend(column);
            // nilearn's butterworth: filtfilt(b, a, x, axis=0, padtype='odd', padlen=None).
            double[] filtered = ZeroPhaseFilter.FiltFilt(b, a, column);
            StandardizeSample(filtered);
            for (int t = 0; t < timePoints; t++) signals[t, voxel] = filtered[t];
        });
    }

    /// <summary>nilearn's _detrend(type='linear'): centre the column, then subtract its projection on the centred,
    /// unit-norm ramp 0..T-1. This removes the least-squares line, as scipy.signal.detrend(type='linear').</summary>
    private static void RemoveLinearTrend(double[] column)
    {
        int n = column.Length;
        double mean = column.Average();
        for (int t = 0; t < n; t++) column[t] -= mean;

        var ramp = new double[n];
        double rampMean = (n - 1) / 2.0;
        double sumSquares = 0;
        for (int t = 0; t < n; t++)
        {
            ramp[t] = t - rampMean;
            sumSquares += ramp[t] * ramp[t];
        }
        double norm = Math.Sqrt(sumSquares);
        if (!(norm < MinimumStd))
            for (int t = 0; t < n; t++) ramp[t] /= norm;

        double projection = 0;
        for (int t = 0; t < n; t++) projection += ramp[t] * column[t];
        for (int t = 0; t < n; t++) column[t] -= projection * ramp[t];
    }

    /// <summary>nilearn's _standardize('zscore_sample') after filtering: centre (the filter does not keep the mean
    /// at exactly zero), divide by the ddof = 1 standard deviation, with a std below float64 eps replaced by 1.</summary>
    private static void StandardizeSample(double[] column)
    {
        int n = column.Length;
        double mean = column.Average();
        double sumSquares = 0;
        for (int t = 0; t < n; t++)
        {
            column[t] -= mean;
            sumSquares += column[t] * column[t];
        }
        double std = Math.Sqrt(sumSquares / (n - 1));
        if (std < MinimumStd) std = 1;
        for (int t = 0; t < n; t++) column[t] /= std;
    }
}
