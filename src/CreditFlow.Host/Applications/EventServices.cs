using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Applications;

/// <summary>What raising an event to an application's onboarding needs, bound with <c>[AsParameters]</c>.</summary>
internal sealed record EventServices(ApplicationReader Reader, ApplicationValidator Validator, DurableTaskClient Client, TimeProvider Time);
