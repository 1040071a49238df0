using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Exposure;

public sealed class OrderLedgerTests
{
    private static Money Cny(decimal amount) => Money.Of(amount, "CNY");

    private static OrderLedger Ledger(decimal accepted = 0, decimal prepaid = 0, decimal shipped = 0, decimal invoiced = 0, bool cancelled = false) =>
        new(Cny(accepted), Cny(prepaid), Cny(shipped), Cny(invoiced), cancelled);

    [Theory]
    [InlineData(100, 0, 0, 0, false, 0, 100)] // accepted, nothing shipped
    [InlineData(100, 30, 0, 0, false, 0, 70)] // prepayment lowers the credit
    [InlineData(100, 0, 40, 0, false, 40, 60)] // part shipped
    [InlineData(100, 0, 40, 40, false, 0, 60)] // shipped part invoiced
    [InlineData(100, 0, 0, 40, false, 0, 60)] // invoiced before shipping
    [InlineData(100, 30, 100, 70, false, 0, 0)] // fully shipped and invoiced net of prepayment
    [InlineData(100, 0, 120, 0, false, 120, 0)] // shipped more than ordered
    [InlineData(100, 0, 40, 0, true, 40, 0)] // cancelled after a part shipment
    [InlineData(0, 0, 0, 0, true, 0, 0)] // cancelled before it was seen
    [InlineData(0, 0, 70, 50, false, 20, 0)] // order not seen yet: shipment and invoice only
    public void Split_WorkedExamples(decimal accepted, decimal prepaid, decimal shipped, decimal invoiced, bool cancelled, decimal shippedNotInvoiced, decimal openOrders)
    {
        var ledger = Ledger(accepted, prepaid, shipped, invoiced, cancelled);

        Assert.Equal(Cny(shippedNotInvoiced), ledger.ShippedNotInvoiced);
        Assert.Equal(Cny(openOrders), ledger.OpenOrders);
        Assert.Equal(Cny(shippedNotInvoiced + openOrders), ledger.Exposure.Total);
    }

    [Fact]
    public void Exposure_IsTheSameWhateverOrderTheFactsArriveIn()
    {
        var facts = new Func<OrderLedger, OrderLedger>[]
        {
            l => l with { Accepted = Cny(100) },
            l => l with { Shipped = l.Shipped + Cny(70) },
            l => l with { Invoiced = l.Invoiced + Cny(50) },
            l => l with { Prepaid = l.Prepaid + Cny(10) },
        };
        var results = Permutations(facts).Select(order => order.Aggregate(OrderLedger.Empty(new Currency("CNY")), (l, f) => f(l)).Exposure).Distinct().ToArray();

        Assert.Single(results);
        Assert.Equal(Cny(40), results[0].Total);
    }

    [Theory]
    [InlineData(100, 30, 0, 70)]
    [InlineData(100, 130, 0, 0)] // an overpayment is not credit
    [InlineData(100, 30, 50, 20)] // a credit note lowers what is owed
    [InlineData(100, 0, 120, 0)]
    [InlineData(100, -30, 0, 100)] // a reversal that came before its payment owes nothing extra
    public void Invoice_OpenAmount(decimal amount, decimal paid, decimal credited, decimal open)
    {
        var invoice = new Invoice("C", "I", new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), Cny(amount)) { Paid = Cny(paid), Credited = Cny(credited) };

        Assert.Equal(Cny(open), invoice.Open);
        Assert.Equal(open > 0, invoice.IsOpen);
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
