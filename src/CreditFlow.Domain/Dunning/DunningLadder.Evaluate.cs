using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Dunning;

public sealed partial class DunningLadder
{
    /// <summary>Where <paramref name="invoice"/> stands on the ladder on <paramref name="today"/>.</summary>
    /// <remarks>
    /// <para>Only facts dated on or before <paramref name="today"/> count, applied in the order they happened, so a
    /// step once reached stays reached. Steps are placed by their offsets and
    /// taken in date order (ties in configured order); a step is reached on its date.</para>
    /// <para><b>Payment.</b> The invoice is settled on the day payments first add up to its amount; steps
    /// dated on or after that day are not taken and the ladder ends. Part payments do not move the ladder.</para>
    /// <para><b>Dispute.</b> While a dispute is open the ladder clock stops: every step not yet reached when it
    /// opened moves later by the days it stayed open (a step on the opening day moves to the closing day).
    /// A dispute still open today holds those steps without a date.</para>
    /// <para><b>Promise to pay.</b> Steps falling from the day the promise was made to the promised date move
    /// to the day after the promised date. The promise is kept when payments made in that window reach the
    /// promised amount (or settle the invoice). A broken promise escalates: on the day after the promised date
    /// the postponed steps fall due and so does the next step after them, pulled forward from its later date
    /// (if a dispute covers that day, when the dispute closes).
    /// While a promise is pending the state waits until the day after the promised date.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A dispute closes before it opens, or a promise's date precedes the day it was made.</exception>
    /// <exception cref="CurrencyMismatchException">A payment or promise is in another currency than the invoice.</exception>
    public DunningState Evaluate(Invoice invoice, IEnumerable<InvoicePayment> payments, IEnumerable<InvoiceDispute> disputes, IEnumerable<PaymentPromise> promises, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(disputes);
        ArgumentNullException.ThrowIfNull(promises);

        var paid = payments.Where(p => p.PaidOn <= today).OrderBy(p => p.PaidOn).ToArray();
        var settledOn = SettledOn(invoice, paid);

        var ordered = Steps
            .Select((step, index) => (Step: step, Index: index, Date: step.Offset.DateFor(invoice.IssueDate, invoice.DueDate)))
            .OrderBy(s => s.Date)
            .ThenBy(s => s.Index)
            .ToArray();
        DateOnly?[] dates = ordered.Select(s => (DateOnly?)s.Date).ToArray();
        var escalated = new bool[dates.Length];
        var pauses = Pauses(disputes, today);

        // Events change only dates on or after their own day, applied in the order they happened, so what
        // was reached on an earlier day stays reached. Same day: escalation, then promise, then dispute.
        var events = new List<(DateOnly Day, int Order, (DateOnly From, DateOnly? Until)? Pause, PaymentPromise? Promise)>();
        events.AddRange(pauses.Select(p => (p.From, 2, ((DateOnly, DateOnly?)?)p, (PaymentPromise?)null)));
        DateOnly? awaitingUntil = null;
        foreach (var promise in promises.Where(p => p.MadeOn <= today))
        {
            if (promise.PromisedDate < promise.MadeOn)
            {
                throw new ArgumentException($"A promise made on {promise.MadeOn} cannot promise payment by {promise.PromisedDate}.", nameof(promises));
            }

            if (settledOn is { } settled && settled <= promise.PromisedDate)
            {
                continue; // kept by settling; the ladder ends anyway
            }

            events.Add((promise.MadeOn, 1, null, promise));
            if (today <= promise.PromisedDate)
            {
                awaitingUntil = awaitingUntil is { } a && a > promise.PromisedDate.AddDays(1) ? a : promise.PromisedDate.AddDays(1);
            }
            else if (!Kept(invoice, promise, paid))
            {
                events.Add((promise.PromisedDate.AddDays(1), 0, null, null));
            }
        }

        foreach (var (day, _, pause, promise) in events.OrderBy(e => e.Day).ThenBy(e => e.Order))
        {
            if (pause is { } period)
            {
                var (from, until) = period;
                for (var i = 0; i < dates.Length; i++)
                {
                    if (dates[i] is { } d && d >= from)
                    {
                        dates[i] = until is { } end ? d.AddDays(end.DayNumber - from.DayNumber) : null;
                    }
                }
            }
            else if (promise is not null)
            {
                for (var i = 0; i < dates.Length; i++)
                {
                    if (dates[i] is { } d && d >= promise.MadeOn && d <= promise.PromisedDate)
                    {
                        dates[i] = promise.PromisedDate.AddDays(1);
                    }
                }
            }
            else if (ResumesOn(day, pauses) is { } escalation)
            {
                // A broken promise: the next step not yet due is taken at once (or when a pause ends).
                var next = Array.FindIndex(dates, d => d > escalation);
                if (next >= 0)
                {
                    dates[next] = escalation;
                    escalated[next] = true;
                }
            }
        }

        var schedule = ordered.Select((s, i) => new ScheduledStep(i + 1, s.Step, dates[i], escalated[i])).ToArray();
        var level = 0;
        while (level < schedule.Length && schedule[level].DueOn is { } due && due <= today && (settledOn is null || due < settledOn))
        {
            level++;
        }

        var current = level > 0 ? schedule[level - 1] : null;
        if (settledOn is not null)
        {
            return new DunningState(DunningStatus.Settled, level, current, null, null, settledOn, schedule);
        }

        if (level == schedule.Length)
        {
            return new DunningState(DunningStatus.Completed, level, current, null, null, null, schedule);
        }

        var upcoming = schedule[level];
        return awaitingUntil is not null
            ? new DunningState(DunningStatus.AwaitingPromise, level, current, upcoming, awaitingUntil, null, schedule)
            : upcoming.DueOn is null
                ? new DunningState(DunningStatus.PausedByDispute, level, current, upcoming, null, null, schedule)
                : new DunningState(DunningStatus.Running, level, current, upcoming, upcoming.DueOn, null, schedule);
    }

    private static DateOnly? SettledOn(Invoice invoice, IReadOnlyList<InvoicePayment> paid)
    {
        var sum = Money.Zero(invoice.Amount.Currency);
        foreach (var payment in paid)
        {
            sum += payment.Amount;
            if (sum >= invoice.Amount)
            {
                return payment.PaidOn;
            }
        }

        return null;
    }

    private static bool Kept(Invoice invoice, PaymentPromise promise, IReadOnlyList<InvoicePayment> paid)
    {
        var zero = Money.Zero(invoice.Amount.Currency);
        var before = paid.Where(p => p.PaidOn < promise.MadeOn).Aggregate(zero, (sum, p) => sum + p.Amount);
        var within = paid.Where(p => p.PaidOn >= promise.MadeOn && p.PaidOn <= promise.PromisedDate).Aggregate(zero, (sum, p) => sum + p.Amount);
        return within >= (promise.Amount ?? invoice.Amount - before);
    }

    /// <summary>The dispute periods known today, merged and in order; an end of <c>null</c> means still open.</summary>
    private static List<(DateOnly From, DateOnly? Until)> Pauses(IEnumerable<InvoiceDispute> disputes, DateOnly today)
    {
        var merged = new List<(DateOnly From, DateOnly? Until)>();
        foreach (var dispute in disputes.Where(d => d.OpenedOn <= today).OrderBy(d => d.OpenedOn))
        {
            if (dispute.ClosedOn < dispute.OpenedOn)
            {
                throw new ArgumentException($"A dispute opened on {dispute.OpenedOn} cannot close on {dispute.ClosedOn}.", nameof(disputes));
            }

            DateOnly? until = dispute.ClosedOn <= today ? dispute.ClosedOn : null;
            if (merged.Count > 0 && (merged[^1].Until is null || dispute.OpenedOn <= merged[^1].Until))
            {
                var last = merged[^1];
                merged[^1] = (last.From, last.Until is null || until is null ? null : (until > last.Until ? until : last.Until));
            }
            else
            {
                merged.Add((dispute.OpenedOn, until));
            }
        }

        return merged;
    }

    /// <summary>The day the ladder runs again at or after <paramref name="day"/>: the day itself, the end of a pause covering it, or <c>null</c> while a still-open dispute covers it.</summary>
    private static DateOnly? ResumesOn(DateOnly day, List<(DateOnly From, DateOnly? Until)> pauses)
    {
        foreach (var (from, until) in pauses)
        {
            if (from <= day && (until is null || day < until))
            {
                return until;
            }
        }

        return day;
    }
}
