using System.Net;
using Azure.Storage.Blobs;
using CreditFlow.Host.Mail;
using CreditFlow.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace CreditFlow.Host.Tests.Mail;

public sealed class SendGridMailSenderTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly MailMessage Approval = new(
        "manager@example.com",
        "Approval needed: ACME Ltd, EUR 50,000",
        "<p>Please <a href=\"https://credit.example.com/approvals/t1\">review</a>.</p>",
        "Please review: https://credit.example.com/approvals/t1",
        [new MailLink("Review", new Uri("https://credit.example.com/approvals/t1"))]);

    private readonly List<SendGridMessage> _sent = [];

    [Fact]
    public async Task SendAsync_NewKey_SendsExactMessage()
    {
        var client = Client(HttpStatusCode.Accepted);
        var sender = Sender(client.Object);

        await sender.SendAsync(Approval, "inst1:0:3", CancellationToken.None);

        var message = Assert.Single(_sent);
        Assert.Equal("credit@example.com", message.From.Email);
        var personalization = Assert.Single(message.Personalizations);
        Assert.Equal("manager@example.com", Assert.Single(personalization.Tos).Email);
        // SendGrid's helper puts the subject on the single personalization.
        Assert.Equal("Approval needed: ACME Ltd, EUR 50,000", personalization.Subject);
        Assert.Equal(
            [
                ("text/plain", "Please review: https://credit.example.com/approvals/t1"),
                ("text/html", "<p>Please <a href=\"https://credit.example.com/approvals/t1\">review</a>.</p>"),
            ],
            message.Contents.Select(c => (c.Type, c.Value)));
        Assert.Equal("inst1:0:3", personalization.CustomArgs[SendGridMailSender.IdempotencyArg]);
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_SendsOnce()
    {
        var client = Client(HttpStatusCode.Accepted);
        var sender = Sender(client.Object);

        await sender.SendAsync(Approval, "inst1:0:3", CancellationToken.None);
        await sender.SendAsync(Approval, "inst1:0:3", CancellationToken.None);

        client.Verify(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_SameKeyFromAnotherProcess_SendsOnce()
    {
        // The marker lives in storage, so a retry on another worker is recognised too.
        var prefix = UniqueName.For("mail");
        var client = Client(HttpStatusCode.Accepted);

        await Sender(client.Object, prefix).SendAsync(Approval, "inst1:0:3", CancellationToken.None);
        await Sender(client.Object, prefix).SendAsync(Approval, "inst1:0:3", CancellationToken.None);

        client.Verify(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_DifferentKeys_SendsEach()
    {
        var client = Client(HttpStatusCode.Accepted);
        var sender = Sender(client.Object);

        await sender.SendAsync(Approval, "inst1:0:3", CancellationToken.None);
        await sender.SendAsync(Approval, "inst1:0:4", CancellationToken.None);

        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task SendAsync_ServiceRefuses_ThrowsAndRetrySends()
    {
        var client = new Mock<ISendGridClient>(MockBehavior.Strict);
        client.SetupSequence(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Response(HttpStatusCode.TooManyRequests, new StringContent("slow down"), null))
            .ReturnsAsync(new Response(HttpStatusCode.Accepted, null, null));
        var sender = Sender(client.Object);

        var error = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(Approval, "inst1:0:3", CancellationToken.None));
        await sender.SendAsync(Approval, "inst1:0:3", CancellationToken.None);

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("slow down", error.Message, StringComparison.Ordinal);
        client.Verify(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private Mock<ISendGridClient> Client(HttpStatusCode status)
    {
        var client = new Mock<ISendGridClient>(MockBehavior.Strict);
        client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .Callback<SendGridMessage, CancellationToken>((m, _) => _sent.Add(m))
            .ReturnsAsync(new Response(status, null, null));
        return client;
    }

    private SendGridMailSender Sender(ISendGridClient client, string? prefix = null) => new(
        client,
        new BlobServiceClient(storage.ConnectionString),
        Options.Create(new MailOptions { StoragePrefix = prefix ?? UniqueName.For("mail"), From = "credit@example.com" }),
        new FakeTimeProvider());
}
