namespace BBScore.Models.Onnx.Feeders;

/// <summary>Where a clip graph wants channels and time: (B, T, C, H, W) as VideoMAE and TimeSformer
/// exports take <c>pixel_values</c>, or (B, C, T, H, W) as 3-d CNNs (torchvision video, S3D) do.</summary>
public enum ClipLayout { TimeFirst, ChannelsFirst }

/// <summary>A clip graph's input: its layout and the fixed sizes it declares (null where free).</summary>
public sealed record ClipInput(string Name, ClipLayout Layout, int? Frames, int? Height, int? Width)
{
    /// <summary>Reads the layout from a rank-5 input: the channel axis is the one of size 3. When both
    /// axis 1 and 2 are 3 (a 3-frame clip) the Hugging Face layout (B, T, C, H, W) is assumed.</summary>
    public static ClipInput From(GraphInput input)
    {
        if (input.Rank != 5)
            throw new NotSupportedException(
                $"Graph input '{input.Name}' {input.ShapeText} has rank {input.Rank}; a clip model needs [batch, frames, 3, height, width] or [batch, 3, frames, height, width].");
        var dims = input.Dims;
        if (dims[2] == 3) return new ClipInput(input.Name, ClipLayout.TimeFirst, dims[1], dims[3], dims[4]);
        if (dims[1] == 3) return new ClipInput(input.Name, ClipLayout.ChannelsFirst, dims[2], dims[3], dims[4]);
        throw new NotSupportedException(
            $"Graph input '{input.Name}' {input.ShapeText}: neither axis 1 nor axis 2 is the 3 RGB channels; export the clip model with a fixed channel axis " +
            "([batch, frames, 3, height, width] or [batch, 3, frames, height, width]).");
    }

    public string LayoutText => Layout == ClipLayout.TimeFirst ? "(B,T,C,H,W)" : "(B,C,T,H,W)";
}
