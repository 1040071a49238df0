using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>How onboarding writes decision-log snapshots: camelCase JSON, enums by name.</summary>
internal static class OnboardingJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Snapshot(object value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string snapshot) => JsonSerializer.Deserialize<T>(snapshot, Options);
}
