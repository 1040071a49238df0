using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Erp;

/// <summary>Turns each webhook's JSON into its message, or the list of fields to fix.</summary>
internal static class ErpMessageParser
{
    public static ErpOrder Order(ErpFields f)
    {
        var amount = f.Money("amount");
        var prepayment = f.Money("prepaymentReceived", required: false, allowZero: true, defaultCurrency: amount.Currency);
        var order = new ErpOrder(f.Id("orderId"), f.Id("customerId"), amount, f.Date("orderDate"), prepayment);
        if (f.Errors.Count == 0 && prepayment.Currency != amount.Currency)
        {
            f.Add("prepaymentReceived.currency", $"must be the order's currency, {amount.Currency}.");
        }

        return order;
    }

    public static ErpShipment Shipment(ErpFields f) =>
        new(f.Id("shipmentId"), f.Id("orderId"), f.Id("customerId"), f.Money("amount"), f.Date("shipDate"));

    public static ErpInvoice Invoice(ErpFields f)
    {
        var invoice = new ErpInvoice(f.Id("invoiceId"), f.Id("customerId"), f.OptionalId("orderId"), f.Money("amount"), f.Date("issueDate"), f.Date("dueDate"));
        if (f.Errors.Count == 0 && invoice.DueDate < invoice.IssueDate)
        {
            f.Add("dueDate", "must not be before issueDate.");
        }

        return invoice;
    }

    public static ErpPayment Payment(ErpFields f)
    {
        var payment = new ErpPayment(f.Id("paymentId"), f.Id("customerId"), f.OptionalId("invoiceId"), f.OptionalId("orderId"), f.Money("amount"), f.Date("receivedOn"));
        if ((payment.InvoiceId is null) == (payment.OrderId is null))
        {
            f.Add("invoiceId", "give exactly one of invoiceId (a payment of an invoice) or orderId (a prepayment of an order).");
        }

        return payment;
    }

    public static ErpCreditNote CreditNote(ErpFields f) =>
        new(f.Id("creditNoteId"), f.Id("customerId"), f.Id("invoiceId"), f.Money("amount"), f.Date("issuedOn"));

    public static ErpPaymentReversal PaymentReversal(ErpFields f) =>
        new(f.Id("reversalId"), f.Id("customerId"), f.Id("paymentId"), f.Id("invoiceId"), f.Money("amount"), f.Date("reversedOn"));

    public static ErpCancellation Cancellation(ErpFields f) =>
        new(f.Id("cancellationId"), f.Id("orderId"), f.Id("customerId"));
}
