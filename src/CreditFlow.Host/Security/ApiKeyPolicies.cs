using CreditFlow.Domain.Roles;
using Microsoft.AspNetCore.Authorization;

namespace CreditFlow.Host.Security;

/// <summary>Which roles may do what through the API; each policy authenticates with the API key scheme only.</summary>
public static class ApiKeyPolicies
{
    /// <summary>Reading applications and customers: any configured key.</summary>
    public const string ReadCredit = "ApiKey.ReadCredit";

    /// <summary>Filing applications, their documents and missing data.</summary>
    public const string WorkOnApplications = "ApiKey.WorkOnApplications";

    /// <summary>Asking for a refusal to be reconsidered one tier up.</summary>
    public const string RequestReconsideration = "ApiKey.RequestReconsideration";

    /// <summary>Releasing or rejecting a held order or shipment; the hold still checks the role's authority for its amount.</summary>
    public const string DecideHolds = "ApiKey.DecideHolds";

    /// <summary>Setting a customer's order terms (limit frozen, prepayment share): the manager sets each customer's policy, the committee above it.</summary>
    public const string SetOrderTerms = "ApiKey.SetOrderTerms";

    /// <summary>Recording what a customer said about an invoice: a dispute raised or resolved, a promise to pay.</summary>
    public const string RecordCustomerWord = "ApiKey.RecordCustomerWord";

    /// <summary>Submitting a special collection plan for the credit manager's approval.</summary>
    public const string SubmitCollectionPlans = "ApiKey.SubmitCollectionPlans";

    /// <summary>Completing a task for people with its outcome: any key, as every key carries a role.</summary>
    public const string CompleteTasks = "ApiKey.CompleteTasks";

    /// <summary>Asking for a customer's re-review now.</summary>
    public const string RequestReviews = "ApiKey.RequestReviews";

    /// <summary>Answering a warning: any role that can own one (whether this one is the caller's is decided per warning).</summary>
    public const string AnswerWarnings = "ApiKey.AnswerWarnings";

    /// <summary>Reporting a warning signal about a customer (a lawsuit, a pledge, adverse news) as credit staff.</summary>
    public const string SendSignals = "ApiKey.SendSignals";

    /// <summary>Open a legal case by hand, recall it from its agency, propose a write-off.</summary>
    public const string ManageCases = "ApiKey.ManageCases";

    /// <summary>Accept a legal case and choose its route.</summary>
    public const string AcceptCases = "ApiKey.AcceptCases";

    /// <summary>Decide a case's settlement or write-off (within the role's authority).</summary>
    public const string DecideCases = "ApiKey.DecideCases";

    /// <summary>Withdraw a legal case.</summary>
    public const string WithdrawCases = "ApiKey.WithdrawCases";
    /// <summary>Putting companies on the blacklist, one by one or an industry list (taking them off is the committee's alone).</summary>
    public const string ManageBlacklist = "ApiKey.ManageBlacklist";

    /// <summary>Drafting versions of the credit policy, simulating them and putting them to the committee.</summary>
    public const string DraftPolicies = "ApiKey.DraftPolicies";

    public static IReadOnlyList<CreditRole> WorkOnApplicationsRoles { get; } =
        [CreditRole.SalesRep, CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.Admin];

    public static IReadOnlyList<CreditRole> RequestReconsiderationRoles { get; } =
        [CreditRole.SalesRep, CreditRole.CreditManager, CreditRole.Admin];

    public static IReadOnlyList<CreditRole> DecideHoldsRoles { get; } =
        [CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee];

    public static IReadOnlyList<CreditRole> SetOrderTermsRoles { get; } =
        [CreditRole.CreditManager, CreditRole.CreditCommittee];

    public static IReadOnlyList<CreditRole> RecordCustomerWordRoles { get; } =
        [CreditRole.SalesRep, CreditRole.CreditOfficer, CreditRole.CreditManager];

    public static IReadOnlyList<CreditRole> SubmitCollectionPlansRoles { get; } =
        [CreditRole.CreditOfficer, CreditRole.CreditManager];

    public static IReadOnlyList<CreditRole> CompleteTasksRoles { get; } = Enum.GetValues<CreditRole>();

    public static IReadOnlyList<CreditRole> RequestReviewsRoles { get; } =
        [CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee];

    public static IReadOnlyList<CreditRole> AnswerWarningsRoles { get; } =
        [CreditRole.SalesRep, CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee, CreditRole.Finance, CreditRole.Legal];

    /// <summary>Credit staff who watch customers, and Legal, which hears of court cases first.</summary>
    public static IReadOnlyList<CreditRole> SendSignalsRoles { get; } =
        [CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.Legal];

    /// <summary>Credit managers hand customers to legal; legal and the committee follow their cases.</summary>
    public static IReadOnlyList<CreditRole> ManageCasesRoles { get; } =
        [CreditRole.CreditManager, CreditRole.CreditCommittee, CreditRole.Legal];

    /// <summary>Only legal takes a case on and chooses how to pursue it.</summary>
    public static IReadOnlyList<CreditRole> AcceptCasesRoles { get; } = [CreditRole.Legal];

    /// <summary>The authority tiers; which of them may decide a write-off depends on its amount.</summary>
    public static IReadOnlyList<CreditRole> DecideCasesRoles { get; } =
        [CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee];

    public static IReadOnlyList<CreditRole> WithdrawCasesRoles { get; } =
        [CreditRole.CreditManager, CreditRole.CreditCommittee];

    /// <summary>The credit manager and committee decide on credit; Legal hears of judgments and defaulters first.</summary>
    public static IReadOnlyList<CreditRole> ManageBlacklistRoles { get; } =
        [CreditRole.CreditManager, CreditRole.CreditCommittee, CreditRole.Legal];

    /// <summary>The credit manager drafts the policy the committee approves; the admin keeps its numbers.</summary>
    public static IReadOnlyList<CreditRole> DraftPoliciesRoles { get; } =
        [CreditRole.CreditManager, CreditRole.CreditCommittee, CreditRole.Admin];

    /// <summary>Who may import customers, invoices and payments from files (the workspace's import page).</summary>
    public static IReadOnlyList<CreditRole> ImportDataRoles { get; } =
        [CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.Finance, CreditRole.Admin];

    internal static AuthorizationBuilder AddApiKeyPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(ReadCredit, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
        .AddPolicy(WorkOnApplications, p => RequireRoles(p, WorkOnApplicationsRoles))
        .AddPolicy(RequestReconsideration, p => RequireRoles(p, RequestReconsiderationRoles))
        .AddPolicy(DecideHolds, p => RequireRoles(p, DecideHoldsRoles))
        .AddPolicy(SetOrderTerms, p => RequireRoles(p, SetOrderTermsRoles))
        .AddPolicy(RecordCustomerWord, p => RequireRoles(p, RecordCustomerWordRoles))
        .AddPolicy(SubmitCollectionPlans, p => RequireRoles(p, SubmitCollectionPlansRoles))
        .AddPolicy(CompleteTasks, p => RequireRoles(p, CompleteTasksRoles))
        .AddPolicy(AnswerWarnings, p => RequireRoles(p, AnswerWarningsRoles))
        .AddPolicy(RequestReviews, p => RequireRoles(p, RequestReviewsRoles))
        .AddPolicy(SendSignals, p => RequireRoles(p, SendSignalsRoles))
        .AddPolicy(ManageCases, p => RequireRoles(p, ManageCasesRoles))
        .AddPolicy(AcceptCases, p => RequireRoles(p, AcceptCasesRoles))
        .AddPolicy(DecideCases, p => RequireRoles(p, DecideCasesRoles))
        .AddPolicy(WithdrawCases, p => RequireRoles(p, WithdrawCasesRoles))
        .AddPolicy(ManageBlacklist, p => RequireRoles(p, ManageBlacklistRoles))
        .AddPolicy(DraftPolicies, p => RequireRoles(p, DraftPoliciesRoles));

    private static void RequireRoles(AuthorizationPolicyBuilder policy, IReadOnlyList<CreditRole> roles) =>
        policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString()));
}
