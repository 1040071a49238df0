using System.Text;

namespace CreditFlow.Storage.Documents;

/// <summary>Makes an uploaded file name safe as the last segment of a blob name.</summary>
internal static class FileNames
{
    private const int MaxLength = 100;

    /// <summary>
    /// Drops any directory part (both separators: uploads come from any OS), keeps letters,
    /// digits, '.', '-' and '_', turns everything else into '_', and never starts with a dot.
    /// </summary>
    public static string Sanitise(string? fileName)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var result = safe.ToString().TrimStart('.');
        if (result.Length > MaxLength)
        {
            // Keep the extension, which tells a reader what the file is.
            var extension = Path.GetExtension(result);
            extension = extension.Length is > 0 and <= 10 ? extension : string.Empty;
            result = result[..(MaxLength - extension.Length)] + extension;
        }

        return result.Trim('_').Length == 0 ? "document" : result;
    }
}
