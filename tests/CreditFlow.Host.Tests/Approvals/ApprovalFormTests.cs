using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Approvals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CreditFlow.Host.Tests.Approvals;

public sealed class ApprovalFormTests
{
    private static readonly Money Proposed = Money.Of(50_000m, "EUR");

    [Fact]
    public void TryRead_Approve_NoCommentNeeded()
    {
        var ok = ApprovalForm.TryRead(Form(("decision", "approve"), ("amount", "123")), Proposed, out var answer, out _);

        Assert.True(ok);
        Assert.Equal(new ApprovalAnswer(ApprovalOutcome.Approved, null, ""), answer);
    }

    [Fact]
    public void TryRead_RejectWithComment_TrimsComment()
    {
        var ok = ApprovalForm.TryRead(Form(("decision", "reject"), ("comment", "  Two late payments.  ")), Proposed, out var answer, out _);

        Assert.True(ok);
        Assert.Equal(new ApprovalAnswer(ApprovalOutcome.Rejected, null, "Two late payments."), answer);
    }

    [Fact]
    public void TryRead_LowerWithAmountAndComment_AmountInProposedCurrency()
    {
        var ok = ApprovalForm.TryRead(Form(("decision", "lower"), ("amount", "30000.50"), ("comment", "Start smaller.")), Proposed, out var answer, out _);

        Assert.True(ok);
        Assert.Equal(new ApprovalAnswer(ApprovalOutcome.ApprovedLower, Money.Of(30_000.50m, "EUR"), "Start smaller."), answer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("Approve")]
    [InlineData("approve,reject")]
    public void TryRead_UnknownDecision_NamesDecision(string? decision)
    {
        var fields = decision is null ? [("comment", "x")] : new[] { ("decision", decision), ("comment", "x") };

        var ok = ApprovalForm.TryRead(Form(fields), Proposed, out _, out var problem);

        Assert.False(ok);
        Assert.Equal("decision", problem!.Field);
    }

    [Theory]
    [InlineData("reject", "")]
    [InlineData("reject", "   ")]
    [InlineData("lower", "")]
    public void TryRead_NoComment_NamesComment(string decision, string comment)
    {
        var ok = ApprovalForm.TryRead(Form(("decision", decision), ("amount", "100"), ("comment", comment)), Proposed, out _, out var problem);

        Assert.False(ok);
        Assert.Equal("comment", problem!.Field);
    }

    [Fact]
    public void TryRead_CommentTooLong_NamesComment()
    {
        var ok = ApprovalForm.TryRead(Form(("decision", "approve"), ("comment", new string('x', ApprovalForm.MaxCommentLength + 1))), Proposed, out _, out var problem);

        Assert.False(ok);
        Assert.Equal("comment", problem!.Field);
    }

    [Theory]
    [InlineData("", "Enter the lower amount")]
    [InlineData("abc", "must be a number")]
    [InlineData("12,500", "must be a number")] // a group separator would make 12,5 read as 125
    [InlineData("-100", "must be a number")]
    [InlineData("0", "more than zero")]
    [InlineData("0.00", "more than zero")]
    [InlineData("100.005", "at most 2 decimals")]
    [InlineData("50000", "below the proposed 50,000.00 EUR")]
    [InlineData("60000", "below the proposed 50,000.00 EUR")]
    public void TryRead_LowerWithBadAmount_NamesAmount(string amount, string expected)
    {
        var ok = ApprovalForm.TryRead(Form(("decision", "lower"), ("amount", amount), ("comment", "Less.")), Proposed, out _, out var problem);

        Assert.False(ok);
        Assert.Equal("amount", problem!.Field);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_LowerJustBelowProposed_Accepted()
    {
        var ok = ApprovalForm.TryRead(Form(("decision", "lower"), ("amount", "49999.99"), ("comment", "Less.")), Proposed, out var answer, out _);

        Assert.True(ok);
        Assert.Equal(Money.Of(49_999.99m, "EUR"), answer!.Amount);
    }

    private static FormCollection Form(params (string Name, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => new StringValues(f.Value)));
}
