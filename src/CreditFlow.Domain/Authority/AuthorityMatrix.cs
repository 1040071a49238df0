using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Authority;

/// <summary>
/// Who may approve a credit amount (docs/domain.md "Roles and authority"): amount tiers, lowest first, each owned by
/// a role; the top tier is unbounded. In a cumulative matrix every lower tier approves before the
/// covering one.
/// </summary>
/// <remarks>
/// Shipped default (<c>Defaults/authority-matrix.json</c>): credit officer up to 1,000,000 CNY,
/// credit manager up to 5,000,000 CNY (our choice; the sources only say "a manager tier in
/// between"), the credit committee above, not cumulative.
/// </remarks>
public sealed partial class AuthorityMatrix
{
    private static readonly Lazy<AuthorityMatrix> Shipped = ConfiguredRules.Shipped("authority-matrix.json", Parse);

    /// <summary>Builds a matrix from tiers given lowest first.</summary>
    /// <exception cref="ArgumentException">No tiers; bounds not strictly ascending or not positive; a bounded top tier; an unbounded lower tier; a role twice; bounds in another currency.</exception>
    public AuthorityMatrix(Currency currency, IEnumerable<(CreditRole Role, decimal? UpTo)> tiers, bool cumulative)
        : this(Checked(tiers), currency, cumulative)
    {
    }

    private AuthorityMatrix((Validated Validated, (CreditRole Role, decimal? UpTo)[] Tiers) checkedTiers, Currency currency, bool cumulative)
    {
        var list = checkedTiers.Tiers;
        Currency = currency;
        Cumulative = cumulative;
        Tiers = list.Select((t, i) => new AuthorityTier(i, t.Role, t.UpTo is { } u ? new Money(u, currency) : null)).ToArray();
    }

    /// <summary>The shipped default matrix.</summary>
    public static AuthorityMatrix Default => Shipped.Value;

    /// <summary>Currency of the tier bounds; amounts in other currencies are refused.</summary>
    public Currency Currency { get; }

    /// <summary>When true, every tier below the covering one approves first.</summary>
    public bool Cumulative { get; }

    /// <summary>The tiers, lowest first; the last is unbounded.</summary>
    public IReadOnlyList<AuthorityTier> Tiers { get; }

    /// <summary>The top tier (the final instance).</summary>
    public AuthorityTier Top => Tiers[^1];

    /// <summary>The lowest tier whose bound covers <paramref name="amount"/> (bounds are inclusive).</summary>
    /// <exception cref="CurrencyMismatchException">The amount is not in <see cref="Currency"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public AuthorityTier TierFor(Money amount)
    {
        if (amount.Currency != Currency)
        {
            throw new CurrencyMismatchException(amount.Currency, Currency);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(amount.Amount, nameof(amount));
        return Tiers.First(t => t.Covers(amount));
    }

    /// <summary>The tier owned by <paramref name="role"/>, or <c>null</c> when the role has no tier.</summary>
    public AuthorityTier? TierOf(CreditRole role) => Tiers.FirstOrDefault(t => t.Role == role);

    /// <summary>
    /// The tier a decision goes to when it needs at least <paramref name="role"/>: the role's own tier, or the top tier
    /// when the matrix gives the role none (a minimum the matrix cannot place is the final instance's).
    /// </summary>
    public AuthorityTier TierAtLeast(CreditRole role) => TierOf(role) ?? Top;

    /// <summary>
    /// The roles with authority to decide what <paramref name="required"/> decides: its role and the role of every tier
    /// above it, lowest first. A higher tier may always decide in place of a lower one; roles outside the matrix never may.
    /// </summary>
    /// <exception cref="ArgumentException">The tier is not one of this matrix's.</exception>
    public IReadOnlyList<CreditRole> RolesWithAuthority(AuthorityTier required) => Tiers.Skip(RankOf(required)).Select(t => t.Role).ToArray();

    /// <summary>
    /// True when <paramref name="role"/> may decide something that needs at least <paramref name="required"/>
    /// (<see cref="TierAtLeast"/>, then <see cref="RolesWithAuthority(AuthorityTier)"/>).
    /// </summary>
    public bool HasAuthority(CreditRole role, CreditRole required) => RolesWithAuthority(TierAtLeast(required)).Contains(role);

    /// <summary>The ordered approvals needed for <paramref name="amount"/>.</summary>
    /// <exception cref="CurrencyMismatchException">The amount is not in <see cref="Currency"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public IReadOnlyList<ApprovalStep> ApprovalSteps(Money amount) => ApprovalSteps(TierFor(amount));

    /// <summary>The ordered approvals that end at <paramref name="decidingTier"/>: just it, or in a cumulative matrix every tier up to it.</summary>
    /// <exception cref="ArgumentException">The tier is not one of this matrix's.</exception>
    public IReadOnlyList<ApprovalStep> ApprovalSteps(AuthorityTier decidingTier)
    {
        var rank = RankOf(decidingTier);
        var first = Cumulative ? 0 : rank;
        return Tiers.Skip(first).Take(rank - first + 1).Select((t, i) => new ApprovalStep(i + 1, t)).ToArray();
    }

    /// <summary>
    /// The tier that hears a reconsideration of a refusal by <paramref name="decidedBy"/>: the next
    /// tier up. The top tier has no one above it, so it reconsiders its own decision.
    /// </summary>
    /// <exception cref="ArgumentException">The tier is not one of this matrix's.</exception>
    public AuthorityTier ReconsiderationTier(AuthorityTier decidedBy) => Tiers[Math.Min(RankOf(decidedBy) + 1, Tiers.Count - 1)];

    /// <summary>The higher of two tiers of this matrix.</summary>
    public static AuthorityTier Higher(AuthorityTier left, AuthorityTier right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.Rank >= right.Rank ? left : right;
    }

    private int RankOf(AuthorityTier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Rank < Tiers.Count && Tiers[tier.Rank] == tier
            ? tier.Rank
            : throw new ArgumentException($"Tier {tier} is not part of this authority matrix.", nameof(tier));
    }

    /// <summary>Every structural problem of a tier list; shared by the constructor and <see cref="Parse"/>.</summary>
    private static (Validated, (CreditRole Role, decimal? UpTo)[]) Checked(IEnumerable<(CreditRole Role, decimal? UpTo)> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var list = tiers.ToArray();
        var validated = ConfiguredRules.Validate(nameof(tiers), problems =>
        {
            foreach (var problem in Validate(list.Select(t => ((CreditRole?)t.Role, t.UpTo)).ToArray(), i => $"tiers[{i}]"))
            {
                problems.Add(problem);
            }
        });
        return (validated, list);
    }

    private static IEnumerable<ConfigurationProblem> Validate(IReadOnlyList<(CreditRole? Role, decimal? UpTo)> tiers, Func<int, string> pathOf)
    {
        if (tiers.Count == 0)
        {
            yield return new ConfigurationProblem("tiers", "must list at least one tier");
            yield break;
        }

        decimal? previous = null;
        for (var i = 0; i < tiers.Count; i++)
        {
            var (role, upTo) = tiers[i];
            var last = i == tiers.Count - 1;
            if (upTo is { } bound)
            {
                if (last)
                {
                    yield return new ConfigurationProblem($"{pathOf(i)}.upTo", $"the top tier must be unbounded (omit upTo or set null), was {bound}");
                }
                else if (bound <= 0m)
                {
                    yield return new ConfigurationProblem($"{pathOf(i)}.upTo", $"must be positive, was {bound}");
                }
                else if (previous is { } p && bound <= p)
                {
                    yield return new ConfigurationProblem($"{pathOf(i)}.upTo", $"must be above the previous tier's {p}, was {bound}");
                }

                previous = bound;
            }
            else if (!last)
            {
                yield return new ConfigurationProblem($"{pathOf(i)}.upTo", "only the top tier may be unbounded");
            }

            if (role is { } r && tiers.Take(i).Any(t => t.Role == r))
            {
                yield return new ConfigurationProblem($"{pathOf(i)}.role", $"{r} already owns a lower tier");
            }
        }
    }
}
