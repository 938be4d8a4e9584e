using System.Globalization;
using BBScore.Formats;
using BBScore.Numerics.Rdm;

namespace BBScore.Metrics;

/// <summary>
/// Reads a precomputed target RDM (<c>--target-rdm</c>) from a float32/float64 .npy file into one
/// condensed vector per subject, the form <see cref="MetricInputs.TargetRdms"/> takes: the upper
/// triangle read row by row (<c>[d(0,1), d(0,2), ..., d(0,N−1), d(1,2), ...]</c>, scipy's
/// <c>squareform</c> order). Accepted shapes, for N stimuli:
/// (N, N) one square RDM; (N(N−1)/2,) one condensed RDM; (S, N, N) S subjects, square;
/// (S, N(N−1)/2) S subjects, condensed. A 2-D (N, N) array is always read as square (this matters
/// only for N = 3, where N(N−1)/2 = N too). Square RDMs must be symmetric with a zero (or NaN)
/// diagonal, within <see cref="Tolerance"/>; NaN marks a missing pair (on both sides of a square
/// RDM); ±Inf is refused. At least <see cref="CondensedRdm.MinStimuli"/> stimuli.
/// </summary>
public static class TargetRdmFile
{
    public const string Option = "--target-rdm";

    /// <summary>Relative tolerance (to the largest |value| or 1) for symmetry and the zero diagonal:
    /// float32 rounding passes, a similarity matrix or a transposed table does not.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>The metrics that score against precomputed RDMs.</summary>
    public static readonly IReadOnlyList<string> AcceptingMetrics = ["rsa"];

    /// <summary>Fails unless <paramref name="metricKey"/> accepts a target RDM.</summary>
    public static void CheckMetric(string metricKey)
    {
        if (!AcceptingMetrics.Contains(metricKey))
            throw new ArgumentException(
                $"{Option} is accepted only by the {string.Join(", ", AcceptingMetrics)} metric; '{metricKey}' needs responses: " +
                $"give --targets (stimuli × targets .npy) instead, or use --metric {AcceptingMetrics[0]}.");
    }

    /// <summary>Reads and validates the file; <paramref name="stimuli"/> describes where the
    /// stimulus count comes from (e.g. "--features X.npy"), for the error message.</summary>
    public static double[][] Read(string path, int stimulusCount, string stimuli)
    {
        var (data, shape) = NpyInput.ReadFloat64(path, Option);
        return ToCondensed(data, shape, stimulusCount, $"{Option} {path}", stimuli);
    }

    /// <summary>The condensed per-subject RDMs of a C-order array; <paramref name="source"/> names it in errors.</summary>
    public static double[][] ToCondensed(double[] data, int[] shape, int stimulusCount, string source, string stimuli)
    {
        var rdms = Condense(data, shape, stimulusCount, source, stimuli);
        for (int subject = 0; subject < rdms.Length; subject++) CheckInformative(rdms[subject], source, subject, rdms.Length);
        return rdms;
    }

    /// <summary>A correlation with an RDM that has fewer than two measured pairs, or the same value for every
    /// pair, is undefined: every score would be NaN, so such a file is refused instead.</summary>
    static void CheckInformative(double[] condensed, string source, int subject, int subjects)
    {
        string where = subjects > 1 ? $"subject {subject}'s RDM" : "the RDM";
        var measured = condensed.Where(double.IsFinite).ToArray();
        if (measured.Length < 2)
            throw new ArgumentException($"{source}: {where} has {(measured.Length == 0 ? "no" : "only one")} measured pair (every other entry is NaN); " +
                                        "an RDM needs at least two measured dissimilarities to be compared.");
        if (measured.All(v => v == measured[0]))
            throw new ArgumentException($"{source}: {where} is constant (every measured pair is {Format(measured[0])}), so its correlation with " +
                                        "any model RDM is undefined; check that the file holds dissimilarities of distinct responses.");
    }

    static double[][] Condense(double[] data, int[] shape, int stimulusCount, string source, string stimuli)
    {
        CondensedRdm.RequireStimuli(stimulusCount, $"A target RDM ({stimuli})");
        long pairs = CondensedRdm.Length(stimulusCount);
        string shapeText = "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");
        switch (shape.Length)
        {
            case 1:
                CheckCondensedLength(shape[0], stimulusCount, source, stimuli);
                return [CheckFinite(data, source, 0)];
            case 2 when shape[0] == stimulusCount && shape[1] == stimulusCount:
                return [SquareToCondensed(data, 0, stimulusCount, source, subject: null)];
            case 2 when shape[1] == pairs:
                return SplitSubjects(data, shape[0], (int)pairs, source);
            case 2 when shape[0] == shape[1]:
                throw CountMismatch(source, shape[0], stimulusCount, stimuli);
            case 2:
                CheckCondensedLength(shape[1], stimulusCount, source, stimuli);
                break; // not reached: a condensed length that fits was handled above
            case 3 when shape[1] != shape[2]:
                throw new ArgumentException($"{source} has shape {shapeText}; stacked square RDMs must be (subjects, N, N).");
            case 3 when shape[1] != stimulusCount:
                throw CountMismatch(source, shape[1], stimulusCount, stimuli);
            case 3:
                if (shape[0] == 0) throw new ArgumentException($"{source} has shape {shapeText}: no subjects.");
                int size = stimulusCount * stimulusCount;
                return Enumerable.Range(0, shape[0]).Select(s => SquareToCondensed(data, s * size, stimulusCount, source, s)).ToArray();
        }
        throw new ArgumentException(
            $"{source} has shape {shapeText}; a target RDM over {stimulusCount} stimuli must be ({stimulusCount}, {stimulusCount}) square, " +
            $"({pairs},) condensed, (subjects, {stimulusCount}, {stimulusCount}) or (subjects, {pairs}).");
    }

    static void CheckCondensedLength(int length, int stimulusCount, string source, string stimuli)
    {
        if (length == CondensedRdm.Length(stimulusCount)) return;
        int rdmStimuli;
        try
        {
            rdmStimuli = CondensedRdm.StimulusCount(length);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"{source}: a condensed RDM has N(N−1)/2 entries for N ≥ {CondensedRdm.MinStimuli} stimuli, but it has {length} " +
                $"({stimulusCount} stimuli need {CondensedRdm.Length(stimulusCount)}); save the upper triangle of the square RDM row by row " +
                "(scipy.spatial.distance.squareform), or the square RDM itself.");
        }
        throw CountMismatch(source, rdmStimuli, stimulusCount, stimuli);
    }

    static ArgumentException CountMismatch(string source, int rdmStimuli, int stimulusCount, string stimuli) => new(
        $"{source} is an RDM over {rdmStimuli} stimuli, but {stimuli} has {stimulusCount}; " +
        "the RDM's rows and columns must be the same stimuli in the same order.");

    static double[][] SplitSubjects(double[] data, int subjects, int pairs, string source)
    {
        if (subjects == 0) throw new ArgumentException($"{source} holds no subjects (shape (0, {pairs})).");
        return Enumerable.Range(0, subjects).Select(s => CheckFinite(data.AsSpan(s * pairs, pairs).ToArray(), source, s)).ToArray();
    }

    static double[] CheckFinite(double[] values, string source, int subject)
    {
        for (int i = 0; i < values.Length; i++)
            if (double.IsInfinity(values[i]))
                throw new ArgumentException($"{source}: subject {subject}, condensed entry {i} is {Format(values[i])}; use NaN for a missing pair.");
        return values;
    }

    /// <summary>Checks symmetry and the diagonal (<see cref="CondensedRdm.FromSquare"/>; a NaN diagonal
    /// counts as zero), then reads the upper triangle row by row.</summary>
    static double[] SquareToCondensed(double[] data, int offset, int n, string source, int? subject)
    {
        string where = subject is { } s ? $"subject {s}: " : "";
        var square = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = data[offset + i * n + j];
                if (double.IsInfinity(v))
                    throw new ArgumentException($"{source}: {where}entry ({i}, {j}) is {Format(v)}; use NaN for a missing pair.");
                square[i, j] = i == j && double.IsNaN(v) ? 0 : v;
            }
        try
        {
            return CondensedRdm.FromSquare(square, Tolerance);
        }
        catch (ArgumentException e)
        {
            string reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException(
                $"{source}: {where}{reason} A square target RDM holds dissimilarities: symmetric, 0 on the diagonal, NaN on both sides " +
                "for a missing pair. Convert a similarity or correlation matrix first (1 − r), or save the condensed upper triangle instead.", e);
        }
    }

    static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
