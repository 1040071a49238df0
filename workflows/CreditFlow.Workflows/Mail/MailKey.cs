using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Mail;

/// <summary>
/// The idempotency key a mail is sent under. Activities run at least once, so the orchestrator names
/// each mail when it decides to send it, and every retry of that send carries the same name.
/// </summary>
internal static class MailKey
{
    /// <summary>A new key for a mail the orchestrator is about to send: the same on every replay.</summary>
    public static string New(TaskOrchestrationContext context) => $"{context.InstanceId}:{context.NewGuid():N}";

    /// <summary>
    /// The key of a mail scheduled without one (by a workflow version that did not name its mails): the
    /// instance and the mail's content, which every retry of that send repeats.
    /// </summary>
    public static string Of(TaskActivityContext context, object input) =>
        $"{context.InstanceId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input))))[..32]}";
}
