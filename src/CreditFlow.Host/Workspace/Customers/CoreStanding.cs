using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>Whether the customer is a core customer by sales, and on what figures (<see cref="CoreCustomerLines"/>).</summary>
/// <param name="IsCore">It ranks inside the line.</param>
/// <param name="Sales">What it was invoiced over the ranked years.</param>
/// <param name="Line">Where the core customers end.</param>
/// <param name="Policy">The line's rules (years, cumulative share).</param>
public sealed record CoreStanding(bool IsCore, Money Sales, CoreCustomerLine Line, CoreCustomerPolicy Policy);
