namespace BBScore.Models.Preprocessing;

/// <summary>How an image's size is chosen before cropping, as Hugging Face image processors do it.</summary>
public abstract record ResizeRule
{
    /// <summary>(height, width) after resizing an image of the given size.</summary>
    public abstract (int Height, int Width) TargetSize(int height, int width);

    public abstract string Describe();
}

/// <summary>Resize to exactly this size; the aspect ratio is not kept.</summary>
public sealed record ResizeToSize(int Height, int Width) : ResizeRule
{
    public override (int Height, int Width) TargetSize(int height, int width) => (Height, Width);

    public override string Describe() => $"resize to {Width}x{Height} (width x height; aspect ratio not kept)";
}

/// <summary>Scale so the shorter side is <see cref="ShortestEdge"/>, keeping the aspect ratio (the longer
/// side truncated to an integer, capped at <see cref="LongestEdge"/>), as transformers'
/// <c>get_resize_output_image_size(default_to_square=False)</c> computes it.</summary>
public sealed record ResizeShortestEdge(int ShortestEdge, int? LongestEdge = null) : ResizeRule
{
    public override (int Height, int Width) TargetSize(int height, int width)
    {
        bool portrait = width <= height;
        int shortSide = portrait ? width : height, longSide = portrait ? height : width;
        if (shortSide == ShortestEdge && (LongestEdge == null || longSide <= LongestEdge)) return (height, width);
        int newShort = ShortestEdge, newLong = (int)((double)ShortestEdge * longSide / shortSide);
        if (LongestEdge is int cap && newLong > cap)
        {
            newShort = (int)((double)cap * newShort / newLong);
            newLong = cap;
        }
        return portrait ? (newLong, newShort) : (newShort, newLong);
    }

    public override string Describe() =>
        $"resize the shorter side to {ShortestEdge}" + (LongestEdge is int cap ? $" (longer side at most {cap})" : "") + ", keeping the aspect ratio";
}

/// <summary>Scale so the longer side is <see cref="LongestEdge"/>, keeping the aspect ratio, as
/// SamImageProcessor's <c>_get_preprocess_shape</c> computes it (sides rounded half up).</summary>
public sealed record ResizeLongestEdge(int LongestEdge) : ResizeRule
{
    public override (int Height, int Width) TargetSize(int height, int width)
    {
        double scale = (double)LongestEdge / Math.Max(height, width);
        return ((int)(height * scale + 0.5), (int)(width * scale + 0.5));
    }

    public override string Describe() => $"resize the longer side to {LongestEdge}, keeping the aspect ratio";
}
