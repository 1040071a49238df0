using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>How an onboarding ended: Granted, Rejected or Abandoned, with the limit and class when granted.</summary>
public sealed record OnboardingOutcome(ApplicationStatus Status, string Reason, Money? Limit = null, CreditClass? Class = null);
