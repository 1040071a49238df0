namespace CreditFlow.Domain.Customers;

/// <summary>
/// The province a company was registered in, read from its registration number when that is a Chinese unified social
/// credit code (GB 32100-2015): after the two characters of the registering authority and the kind of entity, six digits
/// name the administrative division of the registering office (GB/T 2260), and the first two of those its province. The
/// dashboard places the high-risk customers by region with it, without asking anyone to key in an address.
/// </summary>
public static class RegistrationRegion
{
    /// <summary>The region of a customer whose number is not such a code (a foreign company, or none on file).</summary>
    public const string NotKnown = "not known";

    // GB/T 2260 province-level divisions.
    private static readonly Dictionary<string, string> Provinces = new(StringComparer.Ordinal)
    {
        ["11"] = "Beijing", ["12"] = "Tianjin", ["13"] = "Hebei", ["14"] = "Shanxi", ["15"] = "Inner Mongolia",
        ["21"] = "Liaoning", ["22"] = "Jilin", ["23"] = "Heilongjiang",
        ["31"] = "Shanghai", ["32"] = "Jiangsu", ["33"] = "Zhejiang", ["34"] = "Anhui", ["35"] = "Fujian", ["36"] = "Jiangxi", ["37"] = "Shandong",
        ["41"] = "Henan", ["42"] = "Hubei", ["43"] = "Hunan", ["44"] = "Guangdong", ["45"] = "Guangxi", ["46"] = "Hainan",
        ["50"] = "Chongqing", ["51"] = "Sichuan", ["52"] = "Guizhou", ["53"] = "Yunnan", ["54"] = "Tibet",
        ["61"] = "Shaanxi", ["62"] = "Gansu", ["63"] = "Qinghai", ["64"] = "Ningxia", ["65"] = "Xinjiang",
        ["71"] = "Taiwan", ["81"] = "Hong Kong", ["82"] = "Macao",
    };

    /// <summary>The province of <paramref name="registrationNumber"/>, or <see cref="NotKnown"/>.</summary>
    public static string Of(string? registrationNumber)
    {
        var number = registrationNumber?.Trim();
        if (number is not { Length: >= 8 } || number.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
        {
            return NotKnown;
        }

        return Provinces.GetValueOrDefault(number.Substring(2, 2), NotKnown);
    }
}
