namespace BBScore.Numerics.Statistics;

/// <summary>One group of held-out stimuli with the fitted model's predictions for them (rows × targets): a
/// cross-validation fold's test rows, or the test set. The bootstrap resamples rows and keeps the predictions
/// fixed: it measures how the score depends on which stimuli were shown, not on refitting.</summary>
public sealed record HeldOutPredictions(double[,] Truth, double[,] Predicted)
{
    public int Rows => Truth.GetLength(0);
    public int Targets => Truth.GetLength(1);
}
