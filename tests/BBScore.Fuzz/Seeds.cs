using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using BBScore.Formats;
using SkiaSharp;
using SharpZip = ICSharpCode.SharpZipLib.Zip;

namespace BBScore.Fuzz;

/// <summary>Seed corpora, built at run time: small committed fixtures (copied, never duplicated in the
/// repository) and, for formats without a fixture (WAV, PNG/BMP/GIF/WebP, CSV, tar, password zip), tiny
/// valid files written here with the product's own writers or the same libraries.</summary>
public static class Seeds
{
    public const string ZipPassword = "fuzz";

    /// <summary>afl-fuzz slows down with large seeds; every fixture is below this.</summary>
    const long MaxSeedBytes = 100 * 1024;

    /// <summary>Fixture globs (relative to tests/BBScore.Tests/Fixtures) per reader.</summary>
    static readonly Dictionary<string, string[]> FixtureSeeds = new()
    {
        ["pickle"] = ["pickles/arrays_p2.pkl", "pickles/arrays_p4.pkl", "pickles/arrays_p5.pkl", "pickles/df_mixed_p4.pkl", "pickles/nsd_dict_p4.pkl", "pickles/evil_p0.pkl"],
        ["nsd-pickle"] = ["pickles/nsd_df_p2.pkl", "pickles/nsd_df_p4.pkl", "pickles/nsd_dict_p4.pkl", "nsd/subj01_nativesurface_nsdgeneral.pkl"],
        ["npy"] = ["rsa/patterns/x.npy", "rsa/rsa/features.npy", "rsa/compare/scores.npy"],
        ["npz"] = ["pickles/arrays.npz", "pickles/arrays_compressed.npz", "pickles/object.npz"],
        ["mat5"] = ["matlab/v5.mat", "matlab/v5_complex.mat", "matlab/v5_compressed.mat", "weightfree/hmax/patchset.mat"],
        ["mat73"] = ["matlab/v73.mat", "tvsd/things_imgs_monkeyF.mat"],
        ["zip"] = ["tvsd/images.zip"],
        ["image"] = ["jpeg/grey.jpg", "jpeg/progressive.jpg", "jpeg/ycbcr420.jpg", "jpeg/ycbcr422.jpg", "jpeg/ycbcr444.jpg"],
        ["image-skia"] = ["jpeg/grey.jpg", "jpeg/ycbcr420.jpg"],
        ["jpeg-turbo"] = ["jpeg/grey.jpg", "jpeg/progressive.jpg", "jpeg/ycbcr420.jpg", "jpeg/ycbcr444.jpg"],
        ["target-rdm"] = ["rsa/patterns/pdist_correlation.npy", "rsa/subjects/rdms.npy"],
        ["torch"] = ["torch_checkpoint/checkpoint.pt", "torch_checkpoint/checkpoint_ema.pt"],
        ["torch-legacy"] = ["legacy_torch/tinynet.pt", "legacy_torch/dtypes.pt", "legacy_torch/dtypes_p4.pt", "legacy_torch/one.pt"],
        ["safetensors"] = ["safetensors/values.safetensors", "safetensors/sequential.safetensors", "safetensors/sequential_hf.safetensors"],
        ["textgrid"] = ["lebel_formats/long.TextGrid", "lebel_formats/short.TextGrid", "lebel_formats/utf16.TextGrid"],
        ["annot"] = ["lebel_formats/aparc_v2.annot", "lebel_formats/aparc_old.annot"],
        ["label"] = ["lebel_formats/cortex.label"],
        ["hf5"] = ["lebel/bucket/ds003020/derivatives/preprocessed_data/UTS02/avatar.hf5", "lebel/hostile/float64_rep.hf5", "lebel/hostile/no_dataset.hf5"],
        ["nifti"] = ["lebel_formats/bold.nii.gz", "lebel_formats/scaled_be_int16.nii", "lebel_formats/dtype_uint8.nii", "lebel_formats/dtype_float64.nii"],
    };

    public static int Write(string fixtures, string outRoot, string? only)
    {
        int missing = 0;
        foreach (var reader in Readers.All.Where(r => only is null || r.Name == only))
        {
            string dir = Path.Combine(outRoot, reader.Name);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            foreach (string rel in FixtureSeeds.GetValueOrDefault(reader.Name, []))
            {
                string source = Path.Combine(fixtures, rel);
                if (!File.Exists(source) || new FileInfo(source).Length > MaxSeedBytes)
                {
                    Console.Error.WriteLine($"seeds: {source} is missing or over {MaxSeedBytes} bytes; skipped");
                    missing++;
                    continue;
                }
                File.Copy(source, Path.Combine(dir, rel.Replace('/', '_')));
            }
            foreach (var (name, bytes) in Generated(reader.Name)) File.WriteAllBytes(Path.Combine(dir, name), bytes);
            int count = Directory.GetFiles(dir).Length;
            Console.WriteLine($"seeds: {reader.Name}: {count} files");
            if (count == 0) missing++;
        }
        return missing == 0 ? 0 : 1;
    }

    static IEnumerable<(string Name, byte[] Bytes)> Generated(string reader)
    {
        switch (reader)
        {
            case "npy":
                yield return ("f8_fortran.npy", Npy("<f8", "(2, 3)", fortran: true, new byte[48]));
                yield return ("f4_scalar.npy", Npy("<f4", "()", fortran: false, new byte[4]));
                yield return ("v2_header.npy", NpyV2("<f4", "(3,)", new byte[12]));
                break;
            case "target-rdm":
                yield return ("square4.npy", Square(4));
                yield return ("stacked2x3.npy", Stacked(2, 3));
                break;
            case "ppm-frames":
                yield return ("two_frames.ppm", [.. Ppm(2, 2, 0), .. Ppm(2, 2, 40)]);
                yield return ("one_frame_crlf.ppm", [.. Encoding.ASCII.GetBytes("P6\r\n3 1\r\n255\n"), .. Enumerable.Range(0, 9).Select(i => (byte)i)]);
                break;
            case "wav":
                yield return ("pcm16_mono.wav", Wav(1, 1, 16, 8000, Enumerable.Range(0, 16).SelectMany(i => BitConverter.GetBytes((short)(i * 1000))).ToArray()));
                yield return ("pcm8_stereo.wav", Wav(1, 2, 8, 8000, Enumerable.Range(0, 16).Select(i => (byte)(i * 16)).ToArray()));
                yield return ("pcm24_mono.wav", Wav(1, 1, 24, 16000, new byte[24]));
                yield return ("float32_stereo.wav", Wav(3, 2, 32, 22050, Enumerable.Range(0, 8).SelectMany(i => BitConverter.GetBytes(i / 8f)).ToArray()));
                yield return ("extensible_float64.wav", Wav(0xFFFE, 1, 64, 44100, new byte[32], extensibleFormat: 3));
                break;
            case "image" or "image-skia":
                yield return ("rgb.png", Encode(SKEncodedImageFormat.Png, SKColorType.Rgba8888));
                yield return ("grey.png", Encode(SKEncodedImageFormat.Png, SKColorType.Gray8));
                yield return ("rgb.webp", Encode(SKEncodedImageFormat.Webp, SKColorType.Rgba8888));
                yield return ("rgb.bmp", Bmp());
                yield return ("one.gif", Gif());
                break;
            case "csv":
                yield return ("stimuli.csv", Encoding.UTF8.GetBytes("image,label\r\na.png,1\r\n\"b, c.png\",\"say \"\"hi\"\"\"\r\n"));
                yield return ("bom_multiline.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("stimulus_id,text\n1,\"two\nlines\"\n\n2,x\n")]);
                break;
            case "zip":
                yield return ("small.zip", Zip(CompressionLevel.Optimal));
                yield return ("stored.zip", Zip(CompressionLevel.NoCompression));
                break;
            case "zip-password":
                yield return ("zipcrypto.zip", PasswordZip(useAes: false));
                yield return ("aes.zip", PasswordZip(useAes: true));
                break;
            case "tar":
                yield return ("ustar.tar", Tar(TarEntryFormat.Ustar));
                yield return ("pax.tar", Tar(TarEntryFormat.Pax));
                yield return ("gnu.tar", Tar(TarEntryFormat.Gnu));
                break;
            case "tgz":
                yield return ("small.tar.gz", Gzip(Tar(TarEntryFormat.Pax)));
                break;
            case "torch" or "torch-legacy" or "safetensors" or "pickle" or "nsd-pickle" or "npz" or "mat5" or "mat73" or "jpeg-turbo" or "textgrid" or "annot" or "label" or "nifti" or "hf5":
                break;
        }
    }

    static byte[] Npy(string descr, string shape, bool fortran, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - 10 - 1) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, (byte)(header.Length >> 8), .. Encoding.Latin1.GetBytes(header), .. data];
    }

    static byte[] NpyV2(string descr, string shape, byte[] data)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}".PadRight(51) + "\n";
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        return [0x93, .. "NUMPY"u8, 2, 0, .. length, .. Encoding.Latin1.GetBytes(header), .. data];
    }

    /// <summary>A symmetric zero-diagonal n×n RDM, written with the product's writer.</summary>
    static byte[] Square(int n)
    {
        var data = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) data[i * n + j] = i == j ? 0 : 1 + Math.Abs(i - j);
        return [.. NpyFile.Float32Header([n, n]), .. data.SelectMany(BitConverter.GetBytes)];
    }

    static byte[] Stacked(int subjects, int n)
    {
        var one = Square(n)[NpyFile.Float32Header([n, n]).Length..];
        return [.. NpyFile.Float32Header([subjects, n, n]), .. Enumerable.Repeat(one, subjects).SelectMany(b => b)];
    }

    static byte[] Wav(ushort format, ushort channels, ushort bits, int rate, byte[] samples, ushort extensibleFormat = 0)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        bool extensible = format == 0xFFFE;
        int fmtSize = extensible ? 40 : 16;
        w.Write("RIFF"u8); w.Write(4 + 8 + fmtSize + 8 + samples.Length); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(fmtSize);
        w.Write(format); w.Write(channels); w.Write(rate); w.Write(rate * channels * bits / 8); w.Write((ushort)(channels * bits / 8)); w.Write(bits);
        if (extensible)
        {
            w.Write((ushort)22); w.Write(bits); w.Write(0u);
            w.Write(extensibleFormat); w.Write(new byte[] { 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71 });
        }
        w.Write("data"u8); w.Write(samples.Length); w.Write(samples);
        w.Flush();
        return ms.ToArray();
    }

    static byte[] Encode(SKEncodedImageFormat format, SKColorType colorType)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(5, 3, colorType, SKAlphaType.Unpremul));
        for (int y = 0; y < 3; y++)
            for (int x = 0; x < 5; x++) bitmap.SetPixel(x, y, new SKColor((byte)(x * 50), (byte)(y * 80), 128, 200));
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A 2×2 24-bit BMP.</summary>
    static byte[] Bmp()
    {
        const int width = 2, height = 2, row = 8; // 6 bytes of pixels padded to 4
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("BM"u8); w.Write(54 + row * height); w.Write(0); w.Write(54);
        w.Write(40); w.Write(width); w.Write(height); w.Write((ushort)1); w.Write((ushort)24); w.Write(0); w.Write(row * height);
        w.Write(2835); w.Write(2835); w.Write(0); w.Write(0);
        for (int y = 0; y < height; y++) w.Write(new byte[] { 0, 0, 255, 0, 255, 0, 0, 0 });
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>A 1×1 GIF89a with a two-colour palette.</summary>
    static byte[] Gif() =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, // screen 1×1, global table of 2 colours
        255, 0, 0, 0, 0, 255,                    // red, blue
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0,         // image descriptor
        2, 2, 0x44, 0x01, 0,                     // LZW min code 2, one sub-block: clear, 0, end
        0x3B,
    ];

    /// <summary>One binary PPM frame as ffmpeg's ppm encoder writes it, pixels counting up from <paramref name="first"/>.</summary>
    static byte[] Ppm(int width, int height, int first) =>
        [.. Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n"), .. Enumerable.Range(first, width * height * 3).Select(i => (byte)i)];

    static readonly (string Name, string Text)[] ArchiveEntries = [("a.txt", "hello\n"), ("dir/b.csv", "x,y\n1,2\n")];

    static byte[] Zip(CompressionLevel level)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("dir/");
            foreach (var (name, text) in ArchiveEntries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return ms.ToArray();
    }

    static byte[] PasswordZip(bool useAes)
    {
        using var ms = new MemoryStream();
        using (var zip = new SharpZip.ZipOutputStream(ms) { IsStreamOwner = false, Password = ZipPassword })
        {
            foreach (var (name, text) in ArchiveEntries)
            {
                zip.PutNextEntry(new SharpZip.ZipEntry(name) { AESKeySize = useAes ? 256 : 0 });
                zip.Write(Encoding.UTF8.GetBytes(text));
                zip.CloseEntry();
            }
        }
        return ms.ToArray();
    }

    static byte[] Tar(TarEntryFormat format)
    {
        using var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, format, leaveOpen: true))
        {
            tar.WriteEntry(format switch
            {
                TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.Directory, "dir/"),
                TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.Directory, "dir/"),
                _ => new PaxTarEntry(TarEntryType.Directory, "dir/"),
            });
            foreach (var (name, text) in ArchiveEntries)
            {
                TarEntry entry = format switch
                {
                    TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.RegularFile, name),
                    TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.RegularFile, name),
                    _ => new PaxTarEntry(TarEntryType.RegularFile, name),
                };
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                tar.WriteEntry(entry);
            }
        }
        return ms.ToArray();
    }

    static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }
}
