using System.Globalization;
using Azure.Data.Tables;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Storage;

/// <summary>
/// Money in a table row: the amount as an invariant string (Tables has no decimal type and a
/// double would lose cents) and the currency code in a second column.
/// </summary>
internal static class MoneyColumns
{
    public static void Write(TableEntity entity, string name, Money? money)
    {
        entity[name + "Amount"] = money?.Amount.ToString(CultureInfo.InvariantCulture);
        entity[name + "Currency"] = money?.Currency.Code;
    }

    public static Money? Read(TableEntity entity, string name)
    {
        var amount = entity.GetString(name + "Amount");
        var currency = entity.GetString(name + "Currency");
        return amount is null || currency is null
            ? null
            : new Money(decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture), new Currency(currency));
    }

    public static Money ReadRequired(TableEntity entity, string name) =>
        Read(entity, name) ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} has no {name}.");
}
