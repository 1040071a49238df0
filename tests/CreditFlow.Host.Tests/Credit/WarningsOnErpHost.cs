using System.Net;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using CreditFlow.Testing;
using CreditFlow.Workflows.Warnings;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// Warnings raised on the ERP tests' host as the rest of CreditFlow raises them (<see cref="CustomerWarnings.StartAsync"/>),
/// waited for in bounded real time: the warning workflow raises them asynchronously. The shipped rules: a major lawsuit is
/// red and a key asset mortgaged orange for the credit manager, an ownership change or adverse news yellow for the credit
/// officer; none of these freezes the limit.
/// </summary>
internal static class WarningsOnErpHost
{
    // The plain keys ErpHost configures for these roles (the host only knows their hashes).
    public const string OfficerKey = "erp-test-key-officer-0123456789abcdef";
    public const string ManagerKey = "erp-test-key-manager-0123456789abcdef";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A customer on the credit list and on file under <paramref name="name"/>, in the group of <paramref name="controller"/> when given.</summary>
    public static async Task<string> CustomerAsync(this ErpHost erp, string name, string? controller = null)
    {
        var customer = await erp.CustomerAsync(1_000_000m);
        await erp.Store.Customers.CreateAsync(new Customer(customer, name, "REG-" + customer, controller, "trade", erp.Clock.GetUtcNow()));
        return customer;
    }

    /// <summary>Starts the warning workflow of a signal on <paramref name="customer"/> and waits until the warning and its answer task are stored.</summary>
    public static async Task<WarningRecord> RaiseAsync(this ErpHost erp, string customer, SignalKind kind, decimal value = 1m)
    {
        var signal = new WarningSignal(UniqueName.For("evt"), new CreditSignal(customer, kind, value, erp.Clock.GetUtcNow()));
        await erp.Host.Services.GetRequiredService<CustomerWarnings>().StartAsync(signal, CancellationToken.None);
        var warning = await EventuallyAsync(() => erp.Warnings().GetAsync(signal.InstanceId), $"the warning {signal.InstanceId}");
        await erp.AnswerTaskAsync(warning, t => t is not null);
        return warning;
    }

    /// <summary>The warning's answer task for its first owner, once it satisfies <paramref name="condition"/>.</summary>
    public static Task<CreditTask> AnswerTaskAsync(this ErpHost erp, WarningRecord warning, Func<CreditTask?, bool> condition) =>
        EventuallyAsync(
            async () => await erp.Host.Services.GetRequiredService<CreditTaskStore>().GetAsync($"{warning.Id}|answer-{warning.Owner}") is { } task && condition(task) ? task : null,
            $"the answer task of {warning.Id}");

    public static WarningStore Warnings(this ErpHost erp) => erp.Host.Services.GetRequiredService<WarningStore>();

    /// <summary>A client that keeps cookies and does not follow redirects, signed in to the credit pages with <paramref name="key"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this ErpHost erp, string key)
    {
        return await FormPosts.SignedInToCreditAsync(erp.Host.Client.BaseAddress!, key);
    }

    /// <summary>What <paramref name="read"/> finds, once it finds something; fails after 30 s of real time.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {what} after {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
