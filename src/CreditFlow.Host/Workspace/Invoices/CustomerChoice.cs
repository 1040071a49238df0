using CreditFlow.Host.Applications;
using CreditFlow.Storage.Customers;

namespace CreditFlow.Host.Workspace.Invoices;

/// <summary>
/// The customer a list's filter names, typed as people know it: its id, or a part of its name or registration number.
/// </summary>
/// <param name="Id">The id to filter by: the one on file, or the text as typed when nothing on file fits (invoices of a customer not on file are still found by their id); null for no filter.</param>
/// <param name="Candidates">The customers the text fits when it fits several: one must be picked.</param>
public sealed record CustomerChoice(string? Id, IReadOnlyList<Customer> Candidates)
{
    /// <summary>Candidates named at most.</summary>
    public const int MaxCandidates = 10;

    public static CustomerChoice None { get; } = new(null, []);

    /// <summary>The customer <paramref name="text"/> names: an id on file first, else the one customer a search finds.</summary>
    public static async Task<CustomerChoice> ReadAsync(string? text, CustomerRepository customers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var typed = text.Trim();
        if (ResourceIds.IsPlausible(typed) && await customers.GetAsync(typed, cancellationToken) is not null)
        {
            return new(typed, []);
        }

        var found = await customers.SearchAsync(typed, MaxCandidates, cancellationToken);
        return found.Count == 1 ? new(found[0].Id, []) : new(typed, found);
    }
}
