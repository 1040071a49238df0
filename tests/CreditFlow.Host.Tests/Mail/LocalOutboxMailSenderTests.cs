using Azure.Storage.Blobs;
using CreditFlow.Host.Mail;
using CreditFlow.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Mail;

public sealed class LocalOutboxMailSenderTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SendAsync_ThenList_StoresWholeMail()
    {
        var outbox = Outbox(UniqueName.For("mail"));
        var link = new MailLink("Review", new Uri("https://credit.example.com/approvals/t1"));

        await outbox.SendAsync(new MailMessage("manager@example.com", "Approval needed", "<p>hi</p>", "hi", [link]), "inst1:0:3", CancellationToken.None);

        var mail = Assert.Single(await outbox.ListAsync(CancellationToken.None));
        Assert.Equal(new StoredMail("inst1:0:3", _time.GetUtcNow(), "credit@example.com", "manager@example.com", "Approval needed", "<p>hi</p>", "hi", mail.Links), mail);
        Assert.Equal(link, Assert.Single(mail.Links));
    }

    [Fact]
    public async Task ListAsync_SeveralMails_NewestFirst()
    {
        var outbox = Outbox(UniqueName.For("mail"));

        foreach (var subject in new[] { "first", "second", "third" })
        {
            await outbox.SendAsync(new MailMessage("a@example.com", subject, "", subject), $"key-{subject}", CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["third", "second", "first"], (await outbox.ListAsync(CancellationToken.None)).Select(m => m.Subject));
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_KeepsFirstMail()
    {
        var outbox = Outbox(UniqueName.For("mail"));

        await outbox.SendAsync(new MailMessage("a@example.com", "original", "", ""), "inst1:0:3", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await outbox.SendAsync(new MailMessage("a@example.com", "retry", "", ""), "inst1:0:3", CancellationToken.None);

        var mail = Assert.Single(await outbox.ListAsync(CancellationToken.None));
        Assert.Equal("original", mail.Subject);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(5), mail.StoredAt);
    }

    [Fact]
    public async Task SendAsync_SameKeyFromAnotherProcess_KeepsOneMail()
    {
        var prefix = UniqueName.For("mail");

        await Outbox(prefix).SendAsync(new MailMessage("a@example.com", "original", "", ""), "inst1:0:3", CancellationToken.None);
        await Outbox(prefix).SendAsync(new MailMessage("a@example.com", "retry", "", ""), "inst1:0:3", CancellationToken.None);

        Assert.Equal("original", Assert.Single(await Outbox(prefix).ListAsync(CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task ListAsync_NothingSent_Empty()
    {
        Assert.Empty(await Outbox(UniqueName.For("mail")).ListAsync(CancellationToken.None));
    }

    private LocalOutboxMailSender Outbox(string prefix) => new(
        new BlobServiceClient(storage.ConnectionString),
        Options.Create(new MailOptions { StoragePrefix = prefix, From = "credit@example.com" }),
        _time);
}
