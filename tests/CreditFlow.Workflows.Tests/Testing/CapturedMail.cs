using System.Collections.Concurrent;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>
/// The mail port as the workflows see it, keeping what was sent. Real delivery (SendGrid, the blob
/// outbox) is tested in the host; here the question is what the workflow sends, to whom, once.
/// </summary>
internal sealed class CapturedMail : IWorkflowMail
{
    private readonly ConcurrentDictionary<string, WorkflowMail> _byKey = new();
    private readonly ConcurrentQueue<WorkflowMail> _sent = new();

    public IReadOnlyList<WorkflowMail> Sent => _sent.ToArray();

    private int _failuresLeft;
    private int _failed;

    public IReadOnlyList<WorkflowMail> To(string address) => Sent.Where(m => m.To == address).ToArray();

    /// <summary>Sends that failed because of <see cref="FailNext"/>.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>The next <paramref name="count"/> sends fail, as a mail service that is down does.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public Task SendAsync(WorkflowMail mail, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _failed);
            throw new HttpRequestException("The mail service is unavailable (a test's outage).");
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
        if (_byKey.TryAdd(idempotencyKey, mail))
        {
            _sent.Enqueue(mail);
        }

        return Task.CompletedTask;
    }
}
