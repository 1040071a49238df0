using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Dunning;

/// <summary>A payment received against the invoice.</summary>
/// <param name="PaidOn">The day it was received.</param>
/// <param name="Amount">How much.</param>
public sealed record InvoicePayment(DateOnly PaidOn, Money Amount);

/// <summary>A dispute about the invoice; the ladder is paused while it is open.</summary>
/// <param name="OpenedOn">The day it was raised (paused from this day).</param>
/// <param name="ClosedOn">The day it was settled (the ladder resumes on this day); <c>null</c> while open.</param>
public sealed record InvoiceDispute(DateOnly OpenedOn, DateOnly? ClosedOn = null);

/// <summary>A customer's promise to pay.</summary>
/// <param name="MadeOn">The day the promise was made.</param>
/// <param name="PromisedDate">The day it promised to pay by (inclusive).</param>
/// <param name="Amount">How much it promised; <c>null</c> for the whole outstanding balance.</param>
public sealed record PaymentPromise(DateOnly MadeOn, DateOnly PromisedDate, Money? Amount = null);
