using BBScore.Metrics.Regression;
using BBScore.Numerics;

namespace BBScore.Tests.Regression;

/// <summary>Ordinary least squares with an intercept via the normal equations (Gaussian
/// elimination): exact on tiny noise-free data, so scores are known in advance.</summary>
sealed class LeastSquaresRegressor : IRegressor
{
    public int Fits { get; private set; }

    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        Fits++;
        int n = x.Rows, d = x.Cols, t = y.GetLength(1);
        var xMean = new double[d];
        var yMean = new double[t];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < d; j++) xMean[j] += x.Data[r * d + j] / (double)n;
            for (int k = 0; k < t; k++) yMean[k] += y[r, k] / n;
        }
        // Augmented system [XcᵀXc | Xcᵀyc].
        var a = new double[d, d + t];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < d; i++)
            {
                double xi = x.Data[r * d + i] - xMean[i];
                for (int j = 0; j < d; j++) a[i, j] += xi * (x.Data[r * d + j] - xMean[j]);
                for (int k = 0; k < t; k++) a[i, d + k] += xi * (y[r, k] - yMean[k]);
            }
        for (int p = 0; p < d; p++)
            for (int i = 0; i < d; i++)
            {
                if (i == p) continue;
                double factor = a[i, p] / a[p, p];
                for (int j = 0; j < d + t; j++) a[i, j] -= factor * a[p, j];
            }
        var coef = new float[d * t];
        var coefExact = new double[d, t];
        for (int i = 0; i < d; i++)
            for (int k = 0; k < t; k++) coef[i * t + k] = (float)(coefExact[i, k] = a[i, d + k] / a[i, i]);
        var intercept = new double[t];
        for (int k = 0; k < t; k++)
        {
            intercept[k] = yMean[k];
            for (int i = 0; i < d; i++) intercept[k] -= xMean[i] * coefExact[i, k];
        }
        return new LeastSquaresFit(coef, coefExact, intercept);
    }

    sealed class LeastSquaresFit(float[] coef, double[,] coefExact, double[] intercept) : ILinearFit
    {
        public float[] Coef => coef;
        public int Features => coefExact.GetLength(0);
        public int Targets => coefExact.GetLength(1);
        public double[] Intercept => intercept;
        public double[]? Alpha => new double[Targets];

        public double[,] Predict(FeatureMatrix x)
        {
            var result = new double[x.Rows, Targets];
            for (int r = 0; r < x.Rows; r++)
                for (int k = 0; k < Targets; k++)
                {
                    double sum = intercept[k];
                    for (int i = 0; i < Features; i++) sum += x.Data[r * Features + i] * coefExact[i, k];
                    result[r, k] = sum;
                }
            return result;
        }
    }
}

/// <summary>Predicts each target's training mean: a constant prediction, whose Pearson r is undefined.</summary>
sealed class MeanRegressor : IRegressor
{
    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        int t = y.GetLength(1);
        var mean = new double[t];
        for (int r = 0; r < y.GetLength(0); r++)
            for (int k = 0; k < t; k++) mean[k] += y[r, k] / y.GetLength(0);
        return new MeanFit(mean);
    }

    sealed class MeanFit(double[] mean) : IFittedRegressor
    {
        public double[,] Predict(FeatureMatrix x)
        {
            var result = new double[x.Rows, mean.Length];
            for (int r = 0; r < x.Rows; r++)
                for (int k = 0; k < mean.Length; k++) result[r, k] = mean[k];
            return result;
        }
    }
}

/// <summary>A linear fit with given weights, for the pass-through keys.</summary>
sealed class FixedLinearFit(float[] coef, int features, int targets, double[] intercept, double[]? alpha) : ILinearFit
{
    public float[] Coef => coef;
    public int Features => features;
    public int Targets => targets;
    public double[] Intercept => intercept;
    public double[]? Alpha => alpha;
    public double[,] Predict(FeatureMatrix x) => new double[x.Rows, targets];
}
