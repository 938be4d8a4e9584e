using System.Globalization;

namespace BBScore.Stimuli.Video;

/// <summary>What ffprobe says about a clip's first video stream.</summary>
/// <param name="Fps">Average frame rate (the nominal rate when the average is unknown).</param>
/// <param name="DurationSeconds">Container duration, when known.</param>
public sealed record VideoFileInfo(int Width, int Height, double Fps, double? DurationSeconds);

/// <summary>Decodes clips with the ffmpeg CLI into RGB frames: <c>ffmpeg -i clip -vf fps=F,scale=W:H
/// -pix_fmt rgb24 -f image2pipe -c:v ppm -</c>, frames read from the pipe. Rotation metadata is ignored
/// (<c>-noautorotate</c>), as <see cref="ImageFileDecoder"/> ignores EXIF rotation, so the frame size is
/// the stream's stored size and never swapped behind our back.</summary>
public static class VideoFileDecoder
{
    /// <summary>File extensions (lower case) read as clips.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".mp4", ".avi", ".mov", ".mkv", ".webm", ".gif"];

    /// <summary>Changes whenever decoding could change frames, so content hashes (and cached features) change too.
    /// (Frames now travel as PPM rather than rawvideo; their pixel bytes are the same, so the text stands.)</summary>
    public const string Description = "ffmpeg rgb24 rawvideo, native frame rate and size, no autorotation";

    public static bool HasVideoExtension(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static VideoFileInfo Probe(string path)
    {
        byte[] output = FfmpegTool.Run("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate:format=duration",
             "-of", "default=noprint_wrappers=1", path], path);
        var values = System.Text.Encoding.UTF8.GetString(output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        if (!values.TryGetValue("width", out string? w) || !int.TryParse(w, CultureInfo.InvariantCulture, out int width) ||
            !values.TryGetValue("height", out string? h) || !int.TryParse(h, CultureInfo.InvariantCulture, out int height) || width <= 0 || height <= 0)
            throw new InvalidDataException($"{path}: ffprobe found no video stream; the file is not a clip (or is damaged). Remove it from the stimulus list.");
        double fps = Rate(values.GetValueOrDefault("avg_frame_rate")) ?? Rate(values.GetValueOrDefault("r_frame_rate"))
            ?? throw new InvalidDataException($"{path}: ffprobe reports no frame rate for the video stream.");
        double? duration = double.TryParse(values.GetValueOrDefault("duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
        return new VideoFileInfo(width, height, fps, duration);
    }

    /// <summary>Decodes the whole clip. <paramref name="fps"/> null keeps the stream's own frames;
    /// <paramref name="size"/> null keeps the stored size (otherwise ffmpeg's bicubic scale). Frames come as PPM
    /// images, which carry their size, so ffprobe runs only for the native rate, and then beside ffmpeg rather than
    /// before it (two process starts are a good part of a short clip's decode). The frames' buffers are pooled.</summary>
    public static VideoStimulus Decode(string path, double? fps = null, (int Width, int Height)? size = null)
    {
        Task<VideoFileInfo>? probe = fps is null ? Task.Run(() => Probe(path)) : null;
        var filters = new List<string>();
        if (fps is double f) filters.Add("fps=" + f.ToString("R", CultureInfo.InvariantCulture));
        if (size is var (width, height)) filters.Add($"scale={width}:{height}");
        var arguments = new List<string> { "-v", "error", "-nostdin", "-noautorotate", "-i", path };
        if (filters.Count > 0) arguments.AddRange(["-vf", string.Join(",", filters)]);
        // Without an fps filter every decoded frame is written once (no duplication for variable-rate streams).
        // -vsync, not its 5.1 successor -fps_mode: ffmpeg 4.x (Ubuntu 22.04) knows only -vsync, and 5.x-7.x still accept it.
        if (fps is null) arguments.AddRange(["-vsync", "passthrough"]);
        // rgb24 into the ppm encoder: the same conversion and bytes as rgb24 rawvideo, with a size header per frame.
        arguments.AddRange(["-an", "-pix_fmt", "rgb24", "-f", "image2pipe", "-c:v", "ppm", "-"]);
        List<RgbImage> frames;
        try
        {
            frames = FfmpegTool.Run("ffmpeg", arguments, path, output => PpmFrameReader.ReadAll(output, path));
        }
        catch (InvalidDataException) when (probe is not null)
        {
            probe.GetAwaiter().GetResult(); // "no video stream" says more than ffmpeg's own complaint
            throw;
        }
        double rate = fps ?? probe!.GetAwaiter().GetResult().Fps;
        if (frames.Count == 0)
            throw new InvalidDataException(
                $"{path}: ffmpeg decoded no frames; the clip may be damaged or empty. Re-encode it or remove it from the stimulus list.");
        return new VideoStimulus(frames, rate);
    }

    /// <summary>"30000/1001" → 29.97; "0/0" or missing → null.</summary>
    static double? Rate(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        string[] parts = text.Split('/');
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator)) return null;
        double denominator = 1;
        if (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out denominator)) return null;
        double rate = numerator / denominator;
        return double.IsFinite(rate) && rate > 0 ? rate : null;
    }
}
