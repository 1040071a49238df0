using CreditFlow.Host.Mail;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Host.Tests.Mail;

public sealed class WorkflowMailSenderTests
{
    [Fact]
    public async Task SendAsync_PassesMessageLinksAndKeyThrough()
    {
        var sender = new RecordingSender();
        var link = new Uri("https://credit.example.com/approvals/abc.def");

        await new WorkflowMailSender(sender).SendAsync(
            new WorkflowMail("officer@example.com", "Approval needed", "<p>html</p>", "text", [new WorkflowMailLink("Review and decide", link)]),
            "inst:3",
            CancellationToken.None);

        var (sent, key) = Assert.Single(sender.Sent);
        Assert.Equal("inst:3", key);
        Assert.Equal(("officer@example.com", "Approval needed", "<p>html</p>", "text"), (sent.To, sent.Subject, sent.HtmlBody, sent.TextBody));
        Assert.Equal(new MailLink("Review and decide", link), Assert.Single(sent.Links));
    }

    // IMailSender is internal, which Moq's proxies cannot implement.
    private sealed class RecordingSender : IMailSender
    {
        public List<(MailMessage Message, string Key)> Sent { get; } = [];

        public Task SendAsync(MailMessage message, string idempotencyKey, CancellationToken cancellationToken)
        {
            Sent.Add((message, idempotencyKey));
            return Task.CompletedTask;
        }
    }
}
