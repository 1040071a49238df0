using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Signals;
using CreditFlow.Workflows.Warnings;

namespace CreditFlow.Host.Signals;

/// <summary>What <c>POST /api/signals</c> uses, bound with <c>[AsParameters]</c>.</summary>
internal sealed record SignalServices(SignalStore Signals, CustomerWarnings Warnings, CustomerRepository Customers, SignalProviderSigning Signing, TimeProvider Clock);
