namespace CreditFlow.Domain.OrderCheck;

/// <summary>
/// How the order check's sentences (<see cref="HoldReason.Explanation"/>, <see cref="Remedy.Explanation"/>) name the
/// customer they are about: as <c>customer {id}</c>, the check knowing ids only. Where a person reads them beside the
/// customer's name, <see cref="Named"/> puts the name in the id's place; the sentences as stored and answered to the ERP
/// keep the id.
/// </summary>
public static class HoldText
{
    /// <summary>The customer as the check's sentences name it, e.g. <c>customer c2</c>.</summary>
    /// <param name="customerId">The customer's id.</param>
    public static string Customer(string customerId) => $"customer {customerId}";

    /// <summary>
    /// <paramref name="sentence"/> with the customer named by its name: <c>customer c2 is blacklisted: no credit</c> →
    /// <c>Ningbo Seaside Trading Co. is blacklisted: no credit</c>. Unchanged without a name, and for another customer
    /// (<c>customer c20</c> is not <c>customer c2</c>).
    /// </summary>
    /// <param name="sentence">A hold reason or remedy.</param>
    /// <param name="customerId">The id of the customer the hold is for.</param>
    /// <param name="customerName">Its name; null or blank when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sentence"/> or <paramref name="customerId"/> is null.</exception>
    public static string Named(string sentence, string customerId, string? customerName)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(customerId);
        if (string.IsNullOrWhiteSpace(customerName))
        {
            return sentence;
        }

        // The id is followed by a space in every sentence the check writes: matching it keeps "c20" from reading as "c2".
        return sentence.Replace(Customer(customerId) + " ", customerName + " ", StringComparison.Ordinal);
    }
}
