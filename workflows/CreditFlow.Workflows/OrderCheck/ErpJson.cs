using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>How everything said to the ERP, and the hold details kept in the ledger, is written as JSON.</summary>
public static class ErpJson
{
    /// <summary>Web defaults (camelCase), nulls left out; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
