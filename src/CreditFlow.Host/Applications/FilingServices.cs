using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Applications;

/// <summary>What filing an application needs, bound with <c>[AsParameters]</c>.</summary>
internal sealed record FilingServices(ApplicationValidator Validator, FilingConflicts Conflicts, DurableTaskClient Client, TimeProvider Time);
