using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.DurableTask;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Approvals;

/// <summary>What <see cref="SendApprovalMail"/> sends: which step, to whom, and why.</summary>
/// <param name="InstanceId">The approval instance the link answers.</param>
/// <param name="EscalatedFrom">The role that did not answer, for an escalation.</param>
/// <param name="MailKey">Names this mail so that a retried send goes out once (see <see cref="Mail.MailKey"/>).</param>
public sealed record ApprovalMailInput(
    string InstanceId,
    string Step,
    ApproverRung Approver,
    ApprovalMailKind Kind,
    ApprovalRequest Request,
    DateTimeOffset AnswerBy,
    string? EscalatedFrom = null,
    string? MailKey = null);

/// <summary>Mails an approver a signed link to the approval page: request, reminder or escalation.</summary>
public sealed class SendApprovalMail(IApprovalLinks links, IWorkflowMail mail) : TaskActivity<ApprovalMailInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ApprovalMailInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var link = links.Create(input.InstanceId, input.Step, input.Approver.Email, input.Approver.Role);
        var subject = input.Kind switch
        {
            ApprovalMailKind.Reminder => $"Reminder: approval waiting — {request.Title}",
            ApprovalMailKind.Escalation => $"Escalated to you: {request.Title}",
            _ => $"Approval needed: {request.Title}",
        };
        var why = input.Kind switch
        {
            ApprovalMailKind.Reminder => "This approval is still waiting for your decision.",
            ApprovalMailKind.Escalation => $"The {input.EscalatedFrom} did not answer in time, so this approval moved up to you.",
            _ => "Your decision is needed on the following.",
        };
        var answerBy = input.AnswerBy.ToString("dddd d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var text = new StringBuilder()
            .AppendLine(why).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{request.SubjectKind}: {request.Title}")
            .Append(request.HasCustomer ? $"Customer: {request.CustomerName}{Environment.NewLine}" : string.Empty)
            .Append(request.HasAmount ? $"Amount: {request.AmountInWords}{Environment.NewLine}" : string.Empty)
            .AppendLine(CultureInfo.InvariantCulture, $"Please answer by {answerBy}.").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Review and decide: {link}")
            .ToString();
        var html = $"""
            <p>{Encode(why)}</p>
            <p><strong>{Encode(request.SubjectKind)}:</strong> {Encode(request.Title)}<br>
            {(request.HasCustomer ? $"<strong>Customer:</strong> {Encode(request.CustomerName)}<br>" : string.Empty)}
            {(request.HasAmount ? $"<strong>Amount:</strong> {Encode(request.AmountInWords)}" : string.Empty)}</p>
            <p>Please answer by {Encode(answerBy)}.</p>
            <p><a href="{Encode(link.ToString())}">Review and decide</a></p>
            <p style="color:#666">The link works once, for you only. Opening it changes nothing; you decide on the page.</p>
            """;
        await mail.SendAsync(
            new WorkflowMail(input.Approver.Email, subject, html, text, [new WorkflowMailLink("Review and decide", link)]),
            input.MailKey ?? MailKey.Of(context, input),
            CancellationToken.None);
        return true;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
