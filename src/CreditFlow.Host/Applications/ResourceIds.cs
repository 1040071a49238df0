namespace CreditFlow.Host.Applications;

/// <summary>Ids from URLs become table keys; one a key cannot hold names nothing, so it is simply not found.</summary>
internal static class ResourceIds
{
    public static bool IsPlausible(string id) =>
        id.Length is > 0 and <= 256 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
