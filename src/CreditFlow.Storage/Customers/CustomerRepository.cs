using Azure;
using Azure.Data.Tables;

namespace CreditFlow.Storage.Customers;

/// <summary>
/// Customers, one row each (partition = customer id). Group lookups filter on the actual
/// controller: a credit department has thousands of customers, not millions, and a filter is
/// always consistent, where a separate index row could not be written atomically with the customer.
/// </summary>
public sealed class CustomerRepository
{
    private const string Kind = "customer";
    private const string RowKey = "customer";
    private readonly TableClient _table;

    internal CustomerRepository(TableClient table) => _table = table;

    /// <summary>Stores a new customer.</summary>
    /// <exception cref="ConcurrencyConflictException">A customer with this id exists.</exception>
    public async Task<Stored<Customer>> CreateAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(customer), cancellationToken);
            return new Stored<Customer>(customer, response.Headers.ETag.ToString()!);
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw StorageErrors.Conflict(Kind, customer.Id, e);
        }
    }

    /// <summary>The customer, or null.</summary>
    public async Task<Stored<Customer>?> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Check(customerId, nameof(customerId)), RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<Customer>(FromEntity(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    /// <summary>Replaces the customer if it is unchanged since it was read with <paramref name="eTag"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed in between.</exception>
    public async Task<Stored<Customer>> UpdateAsync(Customer customer, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(customer), new ETag(eTag), TableUpdateMode.Replace, cancellationToken);
            return new Stored<Customer>(customer, response.Headers.ETag.ToString()!);
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e) || e.Status == 404)
        {
            throw StorageErrors.Conflict(Kind, customer.Id, e);
        }
    }

    /// <summary>The customers of one group: all with this actual controller, by id.</summary>
    public async Task<IReadOnlyList<Customer>> ListByActualControllerAsync(string actualController, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actualController);
        var result = new List<Customer>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            $"ActualController eq {TableKeys.Quote(actualController)}", cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }

        return result.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The customers registered under this registration number (normally one), by id.</summary>
    public async Task<IReadOnlyList<Customer>> ListByRegistrationNumberAsync(string registrationNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationNumber);
        var result = new List<Customer>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            $"RegistrationNumber eq {TableKeys.Quote(registrationNumber)}", cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }

        return result.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The customers whose registration number is one of <paramref name="registrationNumbers"/> (an industry list's):
    /// one pass over the customers, not a query per number.
    /// </summary>
    public async Task<IReadOnlyList<Customer>> ListByRegistrationNumbersAsync(IEnumerable<string> registrationNumbers, CancellationToken cancellationToken = default)
    {
        var wanted = new HashSet<string>(registrationNumbers, StringComparer.Ordinal);
        var result = new List<Customer>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (entity.GetString("RegistrationNumber") is { } number && wanted.Contains(number.Trim()))
            {
                result.Add(FromEntity(entity));
            }
        }

        return result.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Customers whose name or registration number contains <paramref name="text"/> (ignoring case), or whose id is it;
    /// by name, at most <paramref name="max"/>. One pass over the customers: a credit department has thousands.
    /// </summary>
    public async Task<IReadOnlyList<Customer>> SearchAsync(string text, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var wanted = text.Trim();
        var result = (await ListAllAsync(cancellationToken)).Where(customer =>
            string.Equals(customer.Id, wanted, StringComparison.OrdinalIgnoreCase)
            || customer.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)
            || customer.RegistrationNumber.Contains(wanted, StringComparison.OrdinalIgnoreCase));
        return result.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>Every customer, in one pass (a credit department has thousands).</summary>
    public async Task<IReadOnlyList<Customer>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<Customer>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }

        return result;
    }

    private static TableEntity ToEntity(Customer c) => new(TableKeys.Check(c.Id, nameof(c.Id)), RowKey)
    {
        ["Name"] = c.Name,
        ["RegistrationNumber"] = c.RegistrationNumber,
        ["ActualController"] = c.ActualController,
        ["Industry"] = c.Industry,
        ["CreatedAt"] = c.CreatedAt,
    };

    private static Customer FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Name"),
        e.GetString("RegistrationNumber"),
        e.GetString("ActualController"),
        e.GetString("Industry"),
        e.GetDateTimeOffset("CreatedAt")!.Value);
}
