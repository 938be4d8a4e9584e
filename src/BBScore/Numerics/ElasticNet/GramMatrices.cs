using BBScore.Numerics.TorchRidge;
using static TorchSharp.torch;

namespace BBScore.Numerics.ElasticNet;

/// <summary>
/// The covariance form the elastic net is solved on: XᵀX and Xᵀy of the centred training rows,
/// accumulated in float64 over row chunks whose products are computed in float32 (the original's
/// "hybrid precision"), plus the centred validation rows kept as float32 for scoring.
/// </summary>
internal sealed class GramMatrices : IDisposable
{
    GramMatrices(Tensor xtx, Tensor xty, Tensor validationX, Tensor validationY, int trainingRows)
    {
        XtX = xtx;
        Xty = xty;
        ValidationX = validationX;
        ValidationY = validationY;
        Rows = trainingRows;
    }

    /// <summary>Features × features, float64.</summary>
    public Tensor XtX { get; }

    /// <summary>Features × targets, float64.</summary>
    public Tensor Xty { get; }

    /// <summary>Centred validation rows (possibly none), float32.</summary>
    public Tensor ValidationX { get; }
    public Tensor ValidationY { get; }

    /// <summary>Rows that went into <see cref="XtX"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Adds the validation rows' share to <see cref="XtX"/> and <see cref="Xty"/> in place,
    /// turning them into the full-data Gram matrices for the refit (the training-only ones are not
    /// needed after the alpha scan, so no second D × D matrix is allocated).</summary>
    public void AddValidationRows()
    {
        using var scope = NewDisposeScope();
        XtX.add_(ValidationX.t().mm(ValidationX).to_type(ScalarType.Float64));
        Xty.add_(ValidationX.t().mm(ValidationY).to_type(ScalarType.Float64));
        Rows += (int)ValidationX.shape[0];
    }

    public static GramMatrices Accumulate(FeatureMatrix x, double[,] y, double[] xMeans, double[] yMeans, bool[] isValidation, int chunkRows)
    {
        int features = x.Cols, targets = y.GetLength(1);
        var xtx = zeros([features, features], ScalarType.Float64);
        var xty = zeros([features, targets], ScalarType.Float64);
        var validationX = new List<Tensor>();
        var validationY = new List<Tensor>();
        for (int start = 0; start < x.Rows; start += chunkRows)
        {
            int count = Math.Min(chunkRows, x.Rows - start);
            using var chunk = CentredTensors.FromRows(x, y, xMeans, yMeans, start, count);
            using var scope = NewDisposeScope();
            var (training, validation) = Partition(isValidation, start, count);
            if (training.Length > 0)
            {
                var xTrain = chunk.X.index_select(0, tensor(training));
                var yTrain = chunk.Y.index_select(0, tensor(training));
                xtx.add_(xTrain.t().mm(xTrain).to_type(ScalarType.Float64));
                xty.add_(xTrain.t().mm(yTrain).to_type(ScalarType.Float64));
            }
            if (validation.Length > 0)
            {
                validationX.Add(chunk.X.index_select(0, tensor(validation)).MoveToOuterDisposeScope());
                validationY.Add(chunk.Y.index_select(0, tensor(validation)).MoveToOuterDisposeScope());
            }
        }
        int trainingRows = isValidation.Count(v => !v);
        return new GramMatrices(xtx, xty, Concatenate(validationX, features), Concatenate(validationY, targets), trainingRows);
    }

    static (long[] Training, long[] Validation) Partition(bool[] isValidation, int start, int count)
    {
        var training = new List<long>(count);
        var validation = new List<long>();
        for (int r = 0; r < count; r++) (isValidation[start + r] ? validation : training).Add(r);
        return (training.ToArray(), validation.ToArray());
    }

    static Tensor Concatenate(List<Tensor> blocks, int columns)
    {
        if (blocks.Count == 0) return zeros([0, columns], ScalarType.Float32);
        var joined = cat(blocks, 0);
        foreach (var block in blocks) block.Dispose();
        return joined;
    }

    public void Dispose()
    {
        XtX.Dispose();
        Xty.Dispose();
        ValidationX.Dispose();
        ValidationY.Dispose();
    }
}
