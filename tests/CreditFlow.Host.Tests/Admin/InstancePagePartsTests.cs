using System.Text.Json;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable.Execution;
using CreditFlow.Host.Admin;
using CreditFlow.Workflows.OrderCheck;
using Core = DurableTask.Core;
using DurableTask.Core.History;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>The instance page's parts on their own: enum names in payloads, a child ended by its parent, labels that fit.</summary>
public sealed partial class InstancePagePartsTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EnumNames_StoredNumbers_ShownByNameWhereTheTypeHasAnEnum()
    {
        var stored = PayloadConverter.ToJson(new HoldProgress("waiting", CreditRole.CreditManager, HoldResolution.Cured));

        var shown = EnumNames.Apply(stored, typeof(HoldProgress));

        Assert.Equal("""{"stage":"waiting","approverRole":2,"resolution":2}""", stored); // what the engine stores, unchanged
        Assert.Equal("""{"stage":"waiting","approverRole":"CreditManager","resolution":"Cured"}""", shown);
    }

    [Fact]
    public void EnumNames_NestedListsNullablesAndUnknownNumbers_NamesOnlyDefinedValues()
    {
        var stored = """{"kind":1,"authorizedRoles":[2,3,99],"resolution":null,"amount":{"amount":5,"currency":"CNY"}}""";

        var shown = EnumNames.Apply(stored, typeof(HoldInput));

        Assert.Equal("""{"kind":"Shipment","authorizedRoles":["CreditManager","CreditCommittee",99],"resolution":null,"amount":{"amount":5,"currency":"CNY"}}""", shown);
    }

    [Fact]
    public void EnumNames_NoEnumOrUnknownType_LeavesThePayloadAlone()
    {
        Assert.Null(EnumNames.Apply("""["Tokyo","London"]""", typeof(IReadOnlyList<string>)));
        Assert.Null(EnumNames.Apply("""{"approverRole":2}""", null));
        Assert.Null(EnumNames.Apply("not json", typeof(HoldProgress)));
    }

    [Fact]
    public void PayloadConverter_OldNumericPayload_StillReadsIntoTheEnum()
    {
        // The page changes nothing stored: instances written with numbers replay as before.
        var verdict = PayloadConverter.FromJson<HoldVerdict>("""{"resolution":3,"decidedBy":"erp","role":null,"comment":"c","releasedAmount":null,"decidedAt":"2026-03-02T09:00:00+00:00"}""");

        Assert.Equal(HoldResolution.Withdrawn, verdict!.Resolution);
        Assert.Contains("\"resolution\":3", PayloadConverter.ToJson(verdict), StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadTypes_OrderHoldWorkflow_InputOutputAndCustomStatusTypes()
    {
        _ = typeof(OrderHoldWorkflow); // loads the workflows assembly, as the host's worker does

        var (input, output) = PayloadTypes.Of(nameof(OrderHoldWorkflow));
        var status = PayloadTypes.CustomStatus(nameof(OrderHoldWorkflow), """{"stage":"done","approverRole":1,"resolution":3}""");

        Assert.Equal(typeof(HoldInput), input);
        Assert.Equal(typeof(HoldVerdict), output);
        Assert.Equal(typeof(HoldProgress), status);
        Assert.Equal((null, null), PayloadTypes.Of("NoSuchOrchestrator"));
    }

    [Fact]
    public async Task Timeline_ChildEndedByItsParent_NeutralBarAndLinkNotFailure()
    {
        var svg = await TimelineSvgAsync(ParentThatClosedItsChild("hold-order-o1-approval"), T0.AddMinutes(5), running: false);

        Assert.Matches("<rect class=\"bar ended\"[^>]*fill=\"#8a94a6\"", svg);
        Assert.DoesNotContain("bar failed", svg, StringComparison.Ordinal);
        Assert.Contains("ended by the parent (#3 CloseApproval)", svg, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/instances/hold-order-o1-approval\">", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ChildTerminatedByAnOperator_StillAFailure()
    {
        var history = ParentThatClosedItsChild("hold-order-o1-approval").Where(e => e is not TaskScheduledEvent { Name: "CloseApproval" }).ToList();

        var svg = await TimelineSvgAsync(history, T0.AddMinutes(5), running: false);

        Assert.Contains("<rect class=\"bar failed\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("bar ended", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ChildTerminatedAfterAnActivityThatOnlyMentionsIt_StillAFailure()
    {
        // ApplyHoldVerdict's input is the whole hold, which carries the approval's id: not an activity that ends the child.
        var history = ParentThatClosedItsChild("hold-order-o1-approval")
            .Select(e => e is TaskScheduledEvent { Name: "CloseApproval" } s
                ? At(new TaskScheduledEvent(s.EventId, "ApplyHoldVerdict", null, """{"hold":{"approvalInstanceId":"hold-order-o1-approval"}}"""), 60_010)
                : e)
            .ToList();

        var svg = await TimelineSvgAsync(history, T0.AddMinutes(5), running: false);

        Assert.Contains("<rect class=\"bar failed\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("ended by the parent (", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ParentFinishedBeforeItsClosedChildReported_EndedByTheParentNotLeftOpen()
    {
        var history = ParentThatClosedItsChild("hold-order-o1-approval").Where(e => e is not SubOrchestrationInstanceFailedEvent).ToList();

        var svg = await TimelineSvgAsync(history, T0.AddMinutes(5), running: false);

        Assert.Contains("<rect class=\"bar ended\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("never finished", svg, StringComparison.Ordinal);
        Assert.Contains("ended by the parent (#3 CloseApproval)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_LongLabels_LabelColumnWideEnoughAndLastTickInside()
    {
        var longName = "ARatherLongActivityNameThatUsedToBeCutOffAtThirtyEightCharacters";
        var history = new List<HistoryEvent>
        {
            At(new ExecutionStartedEvent(-1, null) { Name = "Parent" }, 0),
            At(new TaskScheduledEvent(0, longName, null, null), 0),
            At(new TaskCompletedEvent(1, 0, null), 1234),
        };

        var svg = await TimelineSvgAsync(history, T0, running: false);

        var width = int.Parse(WidthPattern().Match(svg).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var firstTick = double.Parse(TickPattern().Match(svg).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($">#0 {longName}</text>", svg, StringComparison.Ordinal); // whole, not clipped
        Assert.True(firstTick >= 6 + ($"#0 {longName}".Length * 6.3), $"label column {firstTick}px too narrow");
        Assert.Contains("text-anchor=\"end\" fill=\"#6b7380\">&#x2B;1234 ms</text>", svg, StringComparison.Ordinal);
        Assert.Contains($"viewBox=\"0 0 {width} ", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryTable_ChildCalls_LinkedAndEndedByTheParentNotAFailure()
    {
        var html = await RenderedHtml.OfAsync<HistoryTable>(new Dictionary<string, object?> { ["History"] = ParentThatClosedItsChild("hold-order-o1-approval") });

        Assert.Equal(2, Regex.Count(html, "<a class=\"mono\" href=\"/admin/instances/hold-order-o1-approval\">hold-order-o1-approval</a>")); // its creation and its end
        Assert.Contains("ended by the parent (#3 CloseApproval), not a failure", html, StringComparison.Ordinal);
        Assert.Contains("ApprovalWorkflow, ended by the parent (#3 CloseApproval) input=", html, StringComparison.Ordinal);
    }

    /// <summary>OrderHoldWorkflow's history when a cancellation decided the hold: CloseApproval terminates the open approval child.</summary>
    internal static List<HistoryEvent> ParentThatClosedItsChild(string child) =>
    [
        At(new ExecutionStartedEvent(-1, "{}") { Name = nameof(OrderHoldWorkflow) }, 0),
        At(new SubOrchestrationInstanceCreatedEvent(0) { Name = "ApprovalWorkflow", InstanceId = child, Input = "{}" }, 10),
        At(new EventRaisedEvent(-1, null) { Name = HoldEvents.OrderCancelled }, 60_000),
        At(new TaskScheduledEvent(3, "CloseApproval", null, JsonSerializer.Serialize(child)), 60_010),
        At(new TaskCompletedEvent(-1, 3, "true"), 60_050),
        At(new SubOrchestrationInstanceFailedEvent(-1, 0, "terminated", null, new Core.FailureDetails("Terminated", $"Sub-orchestration '{child}' was terminated: the hold was decided another way", null, null, false)), 60_060),
        At(new ExecutionCompletedEvent(-1, "{}", Core.OrchestrationStatus.Completed), 60_100),
    ];

    /// <summary>The timeline of <paramref name="history"/> as the instance page draws it.</summary>
    private static Task<string> TimelineSvgAsync(IReadOnlyList<HistoryEvent> history, DateTime now, bool running) =>
        RenderedHtml.OfAsync<TimelineChart>(new Dictionary<string, object?> { ["Drawing"] = Timeline.Chart(history, now, running) });

    private static HistoryEvent At(HistoryEvent e, int milliseconds)
    {
        e.Timestamp = T0.AddMilliseconds(milliseconds);
        return e;
    }

    [GeneratedRegex("<svg id=\"timeline\"[^>]* width=\"(\\d+)\"")]
    private static partial Regex WidthPattern();

    [GeneratedRegex("<text class=\"tick\" x=\"([\\d.]+)\"")]
    private static partial Regex TickPattern();
}
