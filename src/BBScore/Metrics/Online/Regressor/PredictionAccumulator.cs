using BBScore.Metrics.Regression;

namespace BBScore.Metrics.Online.Regressor;

/// <summary>Per-output sums of predictions and targets over a stream of batches (float64), enough for Pearson r, R² and
/// MSE without holding the predictions: the validation pass of every epoch costs one batch of memory.</summary>
public sealed class PredictionAccumulator(int outputs)
{
    readonly double[] _p = new double[outputs], _t = new double[outputs], _pp = new double[outputs], _tt = new double[outputs],
        _pt = new double[outputs], _residual = new double[outputs];

    public long Count { get; private set; }

    public void Add(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int rows)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < outputs; c++)
            {
                double p = predictions[r * outputs + c], t = targets[r * outputs + c];
                _p[c] += p; _t[c] += t; _pp[c] += p * p; _tt[c] += t * t; _pt[c] += p * t;
                _residual[c] += (t - p) * (t - p);
            }
        Count += rows;
    }

    /// <summary>Pearson r per output; a constant column gives 0 (as the original's validation score does). Under
    /// <see cref="CompatMode.BBScore"/>, positive r is reported as the original's 2r/(1+r), r clipped to ±0.999999.</summary>
    public double[] Pearson(CompatMode compat)
    {
        var r = new double[outputs];
        for (int c = 0; c < outputs; c++)
        {
            double n = Count, sp = _pp[c] - _p[c] * _p[c] / n, st = _tt[c] - _t[c] * _t[c] / n, spt = _pt[c] - _p[c] * _t[c] / n;
            double value = sp <= 0 || st <= 0 ? 0 : spt / Math.Sqrt(sp * st);
            value = Math.Clamp(value, -1, 1);
            if (compat == CompatMode.BBScore)
            {
                value = Math.Clamp(value, -0.999999, 0.999999);
                if (value > 0) value = Scorers.SpearmanBrown(value);
            }
            r[c] = value;
        }
        return r;
    }

    /// <summary>R² per output (scikit-learn's r2_score with force_finite: a constant target gives 1 if predicted exactly, else 0).</summary>
    public double[] R2()
    {
        var r2 = new double[outputs];
        for (int c = 0; c < outputs; c++)
        {
            double total = _tt[c] - _t[c] * _t[c] / Count;
            r2[c] = total > 0 ? 1 - _residual[c] / total : _residual[c] == 0 ? 1 : 0;
        }
        return r2;
    }

    /// <summary>scikit-learn's <c>multioutput='variance_weighted'</c>: 1 − Σ residual / Σ total.</summary>
    public double R2VarianceWeighted()
    {
        double residual = _residual.Sum(), total = 0;
        for (int c = 0; c < outputs; c++) total += _tt[c] - _t[c] * _t[c] / Count;
        return total > 0 ? 1 - residual / total : residual == 0 ? 1 : 0;
    }

    /// <summary>Mean squared error over every value.</summary>
    public double Mse() => _residual.Sum() / ((double)Count * outputs);
}
