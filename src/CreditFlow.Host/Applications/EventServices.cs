using CreditFlow.Durable;

namespace CreditFlow.Host.Applications;

/// <summary>What raising an event to an application's onboarding needs, bound with <c>[AsParameters]</c>.</summary>
internal sealed record EventServices(ApplicationReader Reader, ApplicationValidator Validator, DurableTaskClient Client, TimeProvider Time);
