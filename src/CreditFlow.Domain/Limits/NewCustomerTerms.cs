using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>What a new customer gets during its trial period.</summary>
/// <param name="Requested">The limit sales asked for.</param>
/// <param name="TrialLimit">The limit granted for trial orders: the requested one, at most the policy's trial limit.</param>
/// <param name="GuaranteeRequired">True when the request exceeds the guarantee threshold: collateral or a guarantee is required.</param>
/// <param name="Reason">The policy as applied, in words.</param>
public sealed record NewCustomerTerms(Money Requested, Money TrialLimit, bool GuaranteeRequired, string Reason);
