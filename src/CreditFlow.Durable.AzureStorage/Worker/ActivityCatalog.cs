using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreActivity = DurableTask.Core.TaskActivity;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// The registry's activities as the engine's object manager hands them out. The SDK schedules an activity
/// with its orchestration's version, but activities are not versioned here (a changed activity gets a new
/// name), so the version is ignored.
/// </summary>
internal sealed class ActivityCatalog(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    : DurableTask.Core.INameVersionObjectManager<CoreActivity>
{
    /// <inheritdoc />
    public CoreActivity GetObject(string name, string? version) => new ScopedActivity(new TaskName(name), factory, shims, scopes);

    /// <inheritdoc />
    public void Add(DurableTask.Core.ObjectCreator<CoreActivity> creator) =>
        throw new NotSupportedException("Activities are registered with the SDK's DurableTaskRegistry, not with the engine.");
}
