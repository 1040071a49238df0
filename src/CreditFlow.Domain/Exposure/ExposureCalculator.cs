using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Exposure;

/// <summary>Computes exposure = open receivables + shipped-not-invoiced + open orders, per customer and per group.</summary>
/// <param name="policy">Which components count.</param>
public sealed class ExposureCalculator(ExposurePolicy policy)
{
    private readonly ExposurePolicy policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>The exposure of one customer under the policy.</summary>
    public CustomerExposure ForCustomer(CustomerOpenItems items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var zero = Money.Zero(items.Currency);
        var exposure = new CreditExposure(
            policy.IncludeOpenReceivables ? items.OpenReceivables : zero,
            policy.IncludeShippedNotInvoiced ? items.ShippedNotInvoiced : zero,
            policy.IncludeOpenOrders ? items.OpenOrders : zero);
        return new CustomerExposure(items.CustomerId, items.GroupKey, exposure);
    }

    /// <summary>
    /// The exposure of every group among <paramref name="customers"/>, ordered by group key; a customer
    /// without a known controller is a group of its own.
    /// </summary>
    /// <exception cref="ArgumentException">A customer appears twice.</exception>
    /// <exception cref="CurrencyMismatchException">The customers are not all in <paramref name="currency"/>.</exception>
    public IReadOnlyList<GroupExposure> ByGroup(IEnumerable<CustomerOpenItems> customers, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var list = customers.ToArray();
        var duplicate = list.GroupBy(c => c.CustomerId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Customer '{duplicate.Key}' appears more than once.", nameof(customers));
        }

        return list
            .GroupBy(c => c.GroupKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ForGroup(g.Key, g, currency))
            .ToArray();
    }

    /// <summary>The exposure of the group <paramref name="groupKey"/>: the sum of its members'.</summary>
    /// <exception cref="ArgumentException">A member belongs to another group.</exception>
    /// <exception cref="CurrencyMismatchException">A member is not in <paramref name="currency"/>.</exception>
    public GroupExposure ForGroup(string groupKey, IEnumerable<CustomerOpenItems> members, Currency currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupKey);
        ArgumentNullException.ThrowIfNull(members);
        var exposures = new List<CustomerExposure>();
        foreach (var member in members.OrderBy(m => m.CustomerId, StringComparer.Ordinal))
        {
            if (member.GroupKey != groupKey)
            {
                throw new ArgumentException($"Customer '{member.CustomerId}' belongs to group '{member.GroupKey}', not '{groupKey}'.", nameof(members));
            }

            exposures.Add(ForCustomer(member));
        }

        var total = exposures.Aggregate(CreditExposure.Zero(currency), (sum, e) => sum + e.Exposure);
        return new GroupExposure(groupKey, exposures, total);
    }
}
