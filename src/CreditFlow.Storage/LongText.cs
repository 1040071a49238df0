using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace CreditFlow.Storage;

/// <summary>
/// A text too long for one string property (at most 64 KiB, 32K UTF-16 characters) kept across several
/// on the same row — <c>{name}</c>, <c>{name}1</c>, <c>{name}2</c>, … — with their count in a column of its
/// own, so a row written with fewer parts than before (a merge leaves the old ones) reads only its own.
/// </summary>
internal static class LongText
{
    /// <summary>Characters per property: under the 32K limit with room to spare.</summary>
    public const int PartChars = 30_000;

    /// <summary>Puts <paramref name="text"/> on <paramref name="entity"/>; returns false, writing nothing, when it needs more than <paramref name="maxParts"/>.</summary>
    public static bool TryWrite(TableEntity entity, string name, string countColumn, string text, int maxParts)
    {
        var parts = text.Chunk(PartChars).Select(c => new string(c)).ToArray();
        if (parts.Length > maxParts)
        {
            return false;
        }

        entity[countColumn] = parts.Length;
        for (var i = 0; i < parts.Length; i++)
        {
            entity[Part(name, i)] = parts[i];
        }

        return true;
    }

    /// <summary>The text kept on <paramref name="entity"/>; a row from before the count column has just <c>{name}</c>.</summary>
    public static string Read(TableEntity entity, string name, string countColumn)
    {
        var count = entity.GetInt32(countColumn) ?? (entity.ContainsKey(name) ? 1 : 0);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(entity.GetString(Part(name, i)));
        }

        return text.ToString();
    }

    private static string Part(string name, int index) => index == 0 ? name : name + index.ToString(CultureInfo.InvariantCulture);
}
