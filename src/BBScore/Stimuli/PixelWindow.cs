namespace BBScore.Stimuli;

/// <summary>A rectangle of an image, in pixels: what a centre crop keeps of a resized image.</summary>
public readonly record struct PixelWindow(int Left, int Top, int Width, int Height)
{
    public static PixelWindow Whole(int width, int height) => new(0, 0, width, height);

    public bool Covers(int width, int height) => Left == 0 && Top == 0 && Width == width && Height == height;

    public bool FitsIn(int width, int height) => Left >= 0 && Top >= 0 && Width > 0 && Height > 0 && Left + Width <= width && Top + Height <= height;

    /// <summary>The window's pixels of <paramref name="image"/>, row by row.</summary>
    public RgbImage Cut(RgbImage image) =>
        Covers(image.Width, image.Height) ? image : new RgbImage(Width, Height, CutRows(image.Pixels, image.Width, Top));

    /// <summary>Columns <see cref="Left"/>…, <see cref="Height"/> rows from <paramref name="firstRow"/>, of
    /// RGB rows <paramref name="rowWidth"/> pixels wide.</summary>
    public byte[] CutRows(byte[] pixels, int rowWidth, int firstRow)
    {
        var result = GC.AllocateUninitializedArray<byte>(Width * Height * 3);
        for (int y = 0; y < Height; y++)
            Array.Copy(pixels, ((firstRow + y) * rowWidth + Left) * 3, result, y * Width * 3, Width * 3);
        return result;
    }
}
