namespace BBScore.Stimuli.Augment;

/// <summary>timm's default RandAugment op list (<c>_RAND_TRANSFORMS</c>, used unless the config has <c>inc1</c> or a
/// <c>t</c> set), in timm's order. Translations are relative (TranslateXRel/YRel, 45 % of the size at level 10), so
/// the <c>translate_const</c> hparam only matters to the absolute TranslateX/Y, which this list does not hold.</summary>
public enum RandAugmentOp
{
    AutoContrast, Equalize, Invert, Rotate, Posterize, Solarize, SolarizeAdd,
    Color, Contrast, Brightness, Sharpness, ShearX, ShearY, TranslateXRel, TranslateYRel,
}
