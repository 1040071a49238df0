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

    public IReadOnlyList<WorkflowMail> To(string address) => Sent.Where(m => m.To == address).ToArray();

    public Task SendAsync(WorkflowMail mail, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (_byKey.TryAdd(idempotencyKey, mail))
        {
            _sent.Enqueue(mail);
        }

        return Task.CompletedTask;
    }
}
