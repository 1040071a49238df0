using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Tests.LegalHandoff;

public sealed class LegalCaseTests
{
    private static readonly DateTimeOffset Opened = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    private static LegalCase Case() =>
        LegalCase.Open("case-1", "C1", "Acme Ltd", [new CaseInvoice("I1", new DateOnly(2026, 2, 1), M(200_000m)), new CaseInvoice("I2", new DateOnly(2026, 3, 1), M(100_000m))], "dunning", "invoice I1 is at red", Opened);

    private static LegalCase WithAgency() => Case().Accept(CaseRoute.Agency, "eastgate", "legal", "", Opened.AddHours(1));

    private static AgencyReport Report(string id, AgencyReportKind kind, decimal? amount = null, string agency = "eastgate") =>
        new(id, agency, kind, Opened.AddDays(3), Opened.AddDays(3), amount is { } a ? M(a) : null, null, null);

    [Fact]
    public void Open_ClaimsWhatIsOpenOnEveryInvoice_AndWaitsForLegal()
    {
        var c = Case();

        Assert.Equal((M(300_000m), CaseStatus.AwaitingLegal), (c.Claimed, c.Status));
        Assert.Equal("case opened on 2 invoice(s), 300,000.00 CNY claimed: invoice I1 is at red", Assert.Single(c.Timeline).What);
    }

    [Fact]
    public void Accept_OnTheAgencyRoute_NeedsTheAgency_AndOnlyOnce()
    {
        Assert.Throws<CaseActionRefusedException>(() => Case().Accept(CaseRoute.Agency, null, "legal", "", Opened));
        Assert.Throws<CaseActionRefusedException>(() => Case().Accept(CaseRoute.Litigation, "eastgate", "legal", "", Opened));

        var accepted = WithAgency();

        Assert.Equal((CaseStatus.InProgress, CaseRoute.Agency, "eastgate"), (accepted.Status, accepted.Route, accepted.Agency));
        Assert.Throws<CaseActionRefusedException>(() => accepted.Accept(CaseRoute.Litigation, null, "legal", "", Opened));
    }

    [Fact]
    public void Recovery_CarriesTheCommission_TheSameReportTwiceCountsOnce()
    {
        var once = WithAgency().Report(Report("e1", AgencyReportKind.Recovery, 100_000m), commissionPercent: 15m);
        var twice = once.Report(Report("e1", AgencyReportKind.Recovery, 100_000m), commissionPercent: 15m);

        Assert.Equal((M(100_000m), M(15_000m)), (twice.Recovered, twice.Commission));
        Assert.Same(once, twice);
    }

    [Fact]
    public void Report_FromAnAgencyThatDoesNotHoldTheCase_IsRefused()
    {
        Assert.Throws<CaseActionRefusedException>(() => WithAgency().Report(Report("e1", AgencyReportKind.ContactMade, agency: "westgate"), 15m));
        Assert.Throws<CaseActionRefusedException>(() => Case().Report(Report("e1", AgencyReportKind.ContactMade), 15m));
    }

    [Fact]
    public void SettlementOffer_WaitsForApproval_ApprovedItIsPaidWhenTheAgreedAmountIsRecoveredAfterIt()
    {
        var offered = WithAgency()
            .Report(Report("e1", AgencyReportKind.Recovery, 100_000m), 15m)
            .Report(Report("e2", AgencyReportKind.SettlementOffer, 50_000m), 15m);
        Assert.Equal((CaseApprovalKind.Settlement, M(50_000m), false), (offered.Approval!.Kind, offered.Approval.Pays!.Value, offered.Approval.Asked));

        var asked = offered.AskApproval(M(150_000m), CreditRole.CreditOfficer, 1, Opened.AddDays(4));
        var agreed = asked.Decide(approved: true, "officer@x", CreditRole.CreditOfficer, "fair", M(200_000m), Opened.AddDays(5));

        Assert.Null(agreed.Approval);
        Assert.False(agreed.SettlementPaid);
        Assert.True(agreed.Report(Report("e3", AgencyReportKind.Recovery, 50_000m), 15m).SettlementPaid);
    }

    [Fact]
    public void WriteOff_Refused_LeavesTheCaseOpen_Approved_ClosesItWithTheBadDebt()
    {
        var proposed = Case().ProposeWriteOff("legal", "no assets", Opened.AddDays(1)).AskApproval(M(300_000m), CreditRole.CreditOfficer, 1, Opened.AddDays(1));
        Assert.Throws<CaseActionRefusedException>(() => proposed.ProposeWriteOff("legal", "again", Opened.AddDays(1)));

        var refused = proposed.Decide(approved: false, "officer@x", CreditRole.CreditOfficer, "try the court first", M(300_000m), Opened.AddDays(2));
        var writtenOff = refused.ProposeWriteOff("legal", "the court found nothing", Opened.AddDays(30)).AskApproval(M(300_000m), CreditRole.CreditOfficer, 1, Opened.AddDays(30))
            .Decide(approved: true, "officer@x", CreditRole.CreditOfficer, "agreed", M(300_000m), Opened.AddDays(31));

        Assert.Equal((CaseStatus.AwaitingLegal, null), (refused.Status, refused.Approval));
        Assert.Equal((CaseStatus.WrittenOff, M(300_000m), 2), (writtenOff.Status, writtenOff.WrittenOff!.Value, writtenOff.ApprovalsRequested));
        Assert.Throws<CaseActionRefusedException>(() => writtenOff.Recall("legal", "too late", Opened.AddDays(32)));
    }

    [Fact]
    public void ReturnedUnrecovered_GivesTheCaseBackToLegal_AndDropsTheAgencysOffer()
    {
        var returned = WithAgency()
            .Report(Report("e1", AgencyReportKind.SettlementOffer, 10_000m), 15m)
            .Report(Report("e2", AgencyReportKind.ReturnedUnrecovered), 15m);

        Assert.Equal((CaseStatus.AwaitingLegal, (CaseRoute?)null, (string?)null, (CaseApproval?)null), (returned.Status, returned.Route, returned.Agency, returned.Approval));
    }
}
