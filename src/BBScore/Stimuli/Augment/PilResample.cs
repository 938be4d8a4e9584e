namespace BBScore.Stimuli.Augment;

/// <summary>The two resample filters timm's RandAugment draws from for its affine ops (<c>_RANDOM_INTERPOLATION</c>).</summary>
public enum PilResample { Bilinear, Bicubic }
