using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Approvals;

/// <summary>The fields of the approval form and their rules; a problem names the field to fix.</summary>
internal static class ApprovalForm
{
    public const string DecisionField = "decision";
    public const string AmountField = "amount";
    public const string CommentField = "comment";

    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string ApproveLower = "lower";

    /// <summary>Long enough for a reasoned comment, short enough for one table property and one mail.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>A field that needs fixing, and how.</summary>
    public sealed record Problem(string Field, string Message);

    /// <summary>Reads the posted answer to a request for <paramref name="proposed"/>.</summary>
    public static bool TryRead(
        IFormCollection form, Money proposed, [NotNullWhen(true)] out ApprovalAnswer? answer, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(form);
        answer = null;
        var comment = form[CommentField].ToString().Trim();
        ApprovalOutcome? outcome = form[DecisionField].ToString() switch
        {
            Approve => ApprovalOutcome.Approved,
            Reject => ApprovalOutcome.Rejected,
            ApproveLower => ApprovalOutcome.ApprovedLower,
            _ => null,
        };

        problem = outcome switch
        {
            null => new Problem(DecisionField, "Choose Approve, Reject or Approve a lower amount."),
            _ when comment.Length > MaxCommentLength => new Problem(CommentField, $"The comment is too long: at most {MaxCommentLength} characters."),
            not ApprovalOutcome.Approved when comment.Length == 0 => new Problem(CommentField, "A comment is required to reject or to approve a lower amount."),
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }

        Money? amount = null;
        if (outcome == ApprovalOutcome.ApprovedLower)
        {
            amount = ReadLowerAmount(form[AmountField].ToString(), proposed, out var amountProblem);
            if (amountProblem is not null)
            {
                problem = amountProblem;
                return false;
            }
        }

        answer = new ApprovalAnswer(outcome!.Value, amount, comment);
        return true;
    }

    private static Money? ReadLowerAmount(string text, Money proposed, out Problem? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = new Problem(AmountField, "Enter the lower amount to approve.");
            return null;
        }

        // Digits and one decimal point only: a group separator would turn "12,5" into 125.
        const NumberStyles styles = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        if (!decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out var value))
        {
            problem = new Problem(AmountField, "The amount must be a number such as 25000 or 25000.50, without separators or sign.");
            return null;
        }

        var amount = new Money(value, proposed.Currency);
        problem = value switch
        {
            <= 0m => new Problem(AmountField, "The amount must be more than zero."),
            _ when decimal.Round(value, 2) != value => new Problem(AmountField, "The amount may have at most 2 decimals."),
            _ when amount >= proposed => new Problem(AmountField, $"The amount must be below the proposed {ApprovalWords.Amount(proposed)}."),
            _ => null,
        };
        return problem is null ? amount : null;
    }
}
