using System.Net;
using System.Text.RegularExpressions;

namespace BBScore.Data.Download;

/// <summary>Parses the HTML "can't scan this file for viruses" page Google Drive returns for large
/// files instead of the bytes, and builds the URL that confirms the download. Two forms exist: a
/// <c>&lt;form action=".../download"&gt;</c> with hidden inputs (id, export, confirm, uuid), and
/// the older page with a link whose query carries <c>confirm=&lt;token&gt;</c>.</summary>
public static partial class DriveConfirmPage
{
    [GeneratedRegex("""<form[^>]*\baction\s*=\s*["']([^"']+)["'][^>]*>(.*?)</form>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("""<input[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InputRegex();

    [GeneratedRegex("""\b(name|value|type)\s*=\s*["']([^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex AttrRegex();

    [GeneratedRegex("""href\s*=\s*["']([^"']*[?&](?:amp;)?confirm=[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ConfirmLinkRegex();

    /// <summary>The confirmation URL, or null when the page carries none (quota exceeded, private file).</summary>
    public static Uri? FindConfirmUrl(string html, Uri pageUri)
    {
        foreach (Match form in FormRegex().Matches(html))
        {
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match input in InputRegex().Matches(form.Groups[2].Value))
            {
                string? name = null, value = null;
                foreach (Match a in AttrRegex().Matches(input.Value))
                {
                    if (a.Groups[1].Value.Equals("name", StringComparison.OrdinalIgnoreCase)) name = WebUtility.HtmlDecode(a.Groups[2].Value);
                    else if (a.Groups[1].Value.Equals("value", StringComparison.OrdinalIgnoreCase)) value = WebUtility.HtmlDecode(a.Groups[2].Value);
                }
                if (name is not null) fields.Add(new(name, value ?? ""));
            }
            if (!fields.Any(f => f.Key == "id" || f.Key == "confirm")) continue;
            var action = new Uri(pageUri, WebUtility.HtmlDecode(form.Groups[1].Value));
            string query = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            return new UriBuilder(action) { Query = query }.Uri;
        }
        var link = ConfirmLinkRegex().Match(html);
        if (link.Success) return new Uri(pageUri, WebUtility.HtmlDecode(link.Groups[1].Value));
        return null;
    }
}
