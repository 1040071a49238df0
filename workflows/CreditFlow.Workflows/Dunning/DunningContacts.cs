using CreditFlow.Storage;

namespace CreditFlow.Workflows.Dunning;

/// <summary>Who dunning writes to: the contact and sales rep of the customer's latest application, else the credit mailbox.</summary>
public sealed class DunningContacts(CreditStore store, Microsoft.Extensions.Options.IOptions<DunningOptions> options)
{
    /// <summary>The customer's name (its id when unknown), its contact's address and its sales rep's.</summary>
    public async Task<(string Name, string Contact, string SalesRep)> OfAsync(string customerId, CancellationToken cancellationToken)
    {
        var customer = await store.Customers.GetAsync(customerId, cancellationToken);
        var latest = (await store.Applications.ListForCustomerAsync(customerId, cancellationToken)).LastOrDefault();
        var mailbox = options.Value.CreditMailbox;
        return (customer?.Value.Name ?? customerId, Filled(latest?.ContactEmail) ?? mailbox, Filled(latest?.SalesRepEmail) ?? mailbox);
    }

    private static string? Filled(string? address) => string.IsNullOrWhiteSpace(address) ? null : address;
}
