using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Exposure;

/// <summary>Which components count towards exposure (docs/domain.md "Exposure").</summary>
/// <param name="IncludeOpenReceivables">Count invoiced, unpaid amounts.</param>
/// <param name="IncludeShippedNotInvoiced">Count goods shipped but not yet invoiced.</param>
/// <param name="IncludeOpenOrders">Count accepted orders not yet shipped.</param>
/// <remarks>The shipped default (<c>Defaults/exposure.json</c>) counts all three.</remarks>
public sealed record ExposurePolicy(bool IncludeOpenReceivables, bool IncludeShippedNotInvoiced, bool IncludeOpenOrders)
{
    private const string ConfigurationName = "exposure policy";
    private static readonly Lazy<ExposurePolicy> Shipped = ConfiguredRules.Shipped("exposure.json", Parse);

    /// <summary>The shipped default policy.</summary>
    public static ExposurePolicy Default => Shipped.Value;

    /// <summary>
    /// Reads <c>{ "includeOpenReceivables": true, "includeShippedNotInvoiced": true, "includeOpenOrders": true }</c>;
    /// every flag is required so a policy never counts a component by accident.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static ExposurePolicy Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "includeOpenReceivables", "includeShippedNotInvoiced", "includeOpenOrders");
        var receivables = reader.Bool(root, "$", "includeOpenReceivables");
        var shipped = reader.Bool(root, "$", "includeShippedNotInvoiced");
        var orders = reader.Bool(root, "$", "includeOpenOrders");
        reader.ThrowIfAny(ConfigurationName);
        return new ExposurePolicy(receivables!.Value, shipped!.Value, orders!.Value);
    }
}
