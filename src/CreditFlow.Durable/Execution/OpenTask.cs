using CreditFlow.Durable.History;
using Microsoft.DurableTask;

namespace CreditFlow.Durable.Execution;

/// <summary>A call the orchestrator awaits until a history event completes it.</summary>
internal interface IOpenTask
{
    void SetResult(string? serializedResult);

    void SetFailure(FailureDetails failure);
}

internal sealed class OpenTask<TResult>(int id, string taskName) : IOpenTask
{
    public TaskCompletionSource<TResult> Source { get; } = new();

    public void SetResult(string? serializedResult)
    {
        try
        {
            Source.TrySetResult((TResult)PayloadConverter.FromJson(serializedResult, typeof(TResult))!);
        }
        catch (System.Text.Json.JsonException e)
        {
            Source.TrySetException(e);
        }
    }

    public void SetFailure(FailureDetails failure) =>
        Source.TrySetException(new TaskFailedException(taskName, id, failure.ToSdk()));
}

/// <summary>An orchestrator waiting for a named external event.</summary>
internal sealed class EventWaiter(Type payloadType)
{
    public TaskCompletionSource<object?> Source { get; } = new();

    public void Deliver(string? payload) => Source.TrySetResult(PayloadConverter.FromJson(payload, payloadType));
}
