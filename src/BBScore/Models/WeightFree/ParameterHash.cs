using System.Security.Cryptography;
using System.Text;

namespace BBScore.Models.WeightFree;

/// <summary>The "weights hash" of a weight-free model: SHA-256 of the text that lists every
/// parameter that changes its numbers (and of any data file it reads), so cached features
/// computed with other parameters are never reused.</summary>
internal static class ParameterHash
{
    public static string Of(string parameters, string? dataFilePath = null)
    {
        using var sha = SHA256.Create();
        byte[] text = Encoding.UTF8.GetBytes(parameters);
        sha.TransformBlock(text, 0, text.Length, null, 0);
        if (dataFilePath != null)
        {
            byte[] file = File.ReadAllBytes(dataFilePath);
            sha.TransformBlock(file, 0, file.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(sha.Hash!);
    }
}
