namespace BBScore.Metrics.Online.Schedules;

/// <summary>PyTorch's <c>ReduceLROnPlateau</c> in the regressor's setting (mode max, relative threshold 1e-4, no
/// cooldown, no minimum): after <paramref name="patience"/> epochs without a validation score above the best by the
/// threshold, the rate is multiplied by <paramref name="factor"/> (unless that changes it by less than 1e-8).</summary>
public sealed class ReduceLrOnPlateau(LrParamGroup group, double factor = 0.1, int patience = 5, double threshold = 1e-4)
{
    const double Eps = 1e-8;
    double _best = double.NegativeInfinity;
    int _bad;

    public void Step(double score)
    {
        if (score > _best * (1 + threshold)) // -inf at first: any finite score is an improvement
        {
            _best = score;
            _bad = 0;
        }
        else _bad++;
        if (_bad <= patience) return;
        double reduced = group.Lr * factor;
        if (group.Lr - reduced > Eps) group.Lr = reduced;
        _bad = 0;
    }
}
