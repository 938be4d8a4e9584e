using System.Globalization;
using System.Security.Cryptography;

namespace BBScore.Results;

/// <summary>Result ids that sort chronologically and stay unique across processes:
/// <c>20250131T142530123Z-3f9a1c2e</c> (UTC time to the millisecond + 8 random hex digits).</summary>
public static class ResultIds
{
    public static string New(DateTimeOffset timestamp)
    {
        string time = timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        return time + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    }
}
