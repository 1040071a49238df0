using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure;
using CreditFlow.Domain.Onboarding;

namespace CreditFlow.Storage.Applications;

/// <summary>
/// Credit applications, one partition each (looked up by id from the status URL). The store
/// stamps <see cref="CreditApplication.UpdatedAt"/> from its clock on every write.
/// </summary>
public sealed class ApplicationRepository
{
    private const string Kind = "credit application";
    private const string RowKey = "application";

    /// <summary>A string property holds at most 32K characters.</summary>
    private const int MaxTextChars = 32_000;

    private readonly TableClient _table;
    private readonly TimeProvider _clock;

    internal ApplicationRepository(TableClient table, TimeProvider clock) => (_table, _clock) = (table, clock);

    /// <summary>Stores a new application.</summary>
    /// <exception cref="ConcurrencyConflictException">An application with this id exists.</exception>
    public async Task<Stored<CreditApplication>> CreateAsync(CreditApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var stamped = application with { UpdatedAt = _clock.GetUtcNow() };
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(stamped), cancellationToken);
            return new Stored<CreditApplication>(stamped, response.Headers.ETag.ToString()!);
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw StorageErrors.Conflict(Kind, application.Id, e);
        }
    }

    /// <summary>The application, or null.</summary>
    public async Task<Stored<CreditApplication>?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Check(applicationId, nameof(applicationId)), RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<CreditApplication>(FromEntity(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    /// <summary>Replaces the application if it is unchanged since it was read with <paramref name="eTag"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed in between.</exception>
    public async Task<Stored<CreditApplication>> UpdateAsync(CreditApplication application, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentException.ThrowIfNullOrEmpty(eTag);
        var stamped = application with { UpdatedAt = _clock.GetUtcNow() };
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(stamped), new ETag(eTag), TableUpdateMode.Replace, cancellationToken);
            return new Stored<CreditApplication>(stamped, response.Headers.ETag.ToString()!);
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e) || e.Status == 404)
        {
            throw StorageErrors.Conflict(Kind, application.Id, e);
        }
    }

    /// <summary>All applications of a customer, oldest first.</summary>
    public async Task<IReadOnlyList<CreditApplication>> ListForCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var result = new List<CreditApplication>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            $"CustomerId eq {TableKeys.Quote(TableKeys.Check(customerId, nameof(customerId)))}", cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }

        return result.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    private static TableEntity ToEntity(CreditApplication a)
    {
        if (a.ImpressionReport.Length > MaxTextChars)
        {
            throw new ArgumentException(
                $"The impression report has {a.ImpressionReport.Length} characters; at most {MaxTextChars} are stored. Upload longer reports as a document.",
                nameof(a));
        }

        // Figures as invariant strings inside JSON, so no decimal passes through a double.
        var figures = JsonSerializer.Serialize(a.FinancialFigures.ToDictionary(f => f.Key, f => f.Value.ToString(CultureInfo.InvariantCulture)));
        if (figures.Length > MaxTextChars)
        {
            throw new ArgumentException($"The financial figures take {figures.Length} characters as JSON; at most {MaxTextChars} are stored.", nameof(a));
        }

        var entity = new TableEntity(TableKeys.Check(a.Id, nameof(a.Id)), RowKey)
        {
            ["CustomerId"] = TableKeys.Check(a.CustomerId, nameof(a.CustomerId)),
            ["RequestedTermDays"] = a.RequestedTermDays,
            ["FinancialFigures"] = figures,
            ["ImpressionReport"] = a.ImpressionReport,
            ["Status"] = a.Status.ToString(),
            ["CreatedBy"] = a.CreatedBy,
            ["CreatedAt"] = a.CreatedAt,
            ["UpdatedAt"] = a.UpdatedAt,
            ["SalesRepEmail"] = a.SalesRepEmail,
            ["ContactEmail"] = a.ContactEmail,
            ["BelowStandardReason"] = a.BelowStandardReason,
            ["IntegrityIssues"] = JsonSerializer.Serialize(a.IntegrityIssues),
        };
        MoneyColumns.Write(entity, "RequestedLimit", a.RequestedLimit);
        return entity;
    }

    private static CreditApplication FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("CustomerId"),
        MoneyColumns.ReadRequired(e, "RequestedLimit"),
        e.GetInt32("RequestedTermDays")!.Value,
        JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("FinancialFigures"))!
            .ToDictionary(f => f.Key, f => decimal.Parse(f.Value, NumberStyles.Number, CultureInfo.InvariantCulture)),
        e.GetString("ImpressionReport"),
        Enum.Parse<ApplicationStatus>(e.GetString("Status")),
        e.GetString("CreatedBy"),
        e.GetDateTimeOffset("CreatedAt")!.Value,
        e.GetDateTimeOffset("UpdatedAt")!.Value)
    {
        SalesRepEmail = e.GetString("SalesRepEmail"),
        ContactEmail = e.GetString("ContactEmail"),
        BelowStandardReason = e.GetString("BelowStandardReason"),
        IntegrityIssues = e.GetString("IntegrityIssues") is { } issues && JsonSerializer.Deserialize<string[]>(issues) is { Length: > 0 } list ? list : [],
    };
}
