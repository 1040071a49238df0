using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage;
using CreditFlow.Storage.Warnings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Warnings;

/// <summary>
/// Warnings as the rest of CreditFlow calls them: a signal starts a warning's workflow (once per customer and signal,
/// so a repeated signal changes nothing), and an answer is stored and wakes it.
/// </summary>
public sealed class CustomerWarnings(WarningStore warnings, DurableTaskClient client)
{
    /// <summary>Starts the warning workflow of <paramref name="signal"/> unless one was started for it before.</summary>
    public async Task StartAsync(WarningSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(WarningWorkflow), signal, new StartOrchestrationOptions(signal.InstanceId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()), cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // The same signal again (a provider's retry, or dunning looking twice).
        }
    }

    /// <summary>
    /// Answers an open warning with actions chosen among those its rule proposes. Only the current owner's role or a
    /// tier above it (the credit manager, the committee) may answer.
    /// </summary>
    /// <returns>The answered warning, or why it was refused.</returns>
    public async Task<(WarningRecord? Answered, WarningRefusal? Refusal)> AnswerAsync(
        string warningId, IReadOnlyList<ResponseAction> actions, string comment, string by, CreditRole role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (await warnings.GetAsync(warningId, cancellationToken) is not { } warning)
        {
            return (null, WarningRefusal.NotFound);
        }

        if (!warning.IsOpen)
        {
            return (warning, WarningRefusal.AlreadyAnswered);
        }

        if (!MayAnswer(role, warning.Owner))
        {
            return (warning, WarningRefusal.NotTheOwner);
        }

        if (actions.Count == 0 || actions.Any(a => !warning.ProposedActions.Contains(a)))
        {
            return (warning, WarningRefusal.ActionNotProposed);
        }

        try
        {
            var answered = await warnings.AnswerAsync(warning, new WarningAnswer(now, by, role, actions.Distinct().ToArray(), comment), cancellationToken);
            await client.RaiseEventAsync(warning.Id, WarningIds.Answered, null, cancellationToken);
            return (answered, null);
        }
        catch (ConcurrencyConflictException)
        {
            return (await warnings.GetAsync(warningId, cancellationToken), WarningRefusal.AlreadyAnswered);
        }
    }

    /// <summary>The owner's role, or the tiers a warning escalates to above it.</summary>
    public static bool MayAnswer(CreditRole role, CreditRole owner)
    {
        for (var tier = owner; ; tier = TaskEscalation.EscalatesTo(tier))
        {
            if (tier == role)
            {
                return true;
            }

            if (TaskEscalation.EscalatesTo(tier) == tier)
            {
                return false;
            }
        }
    }
}

/// <summary>Why an answer was refused.</summary>
public enum WarningRefusal
{
    /// <summary>No such warning.</summary>
    NotFound,

    /// <summary>Someone answered it already.</summary>
    AlreadyAnswered,

    /// <summary>The role is neither the owner's nor above it.</summary>
    NotTheOwner,

    /// <summary>No action chosen, or one the rule does not propose.</summary>
    ActionNotProposed,
}
