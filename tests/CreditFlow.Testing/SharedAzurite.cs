namespace CreditFlow.Testing;

/// <summary>
/// One Azurite per test process, started on first use and stopped when the process exits, so
/// a test assembly pays the start-up once. Tests isolate themselves by unique table, queue and
/// task hub names rather than by separate emulators.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteInstance>> Instance = new(StartAndRegisterStop);

    public static Task<AzuriteInstance> GetAsync() => Instance.Value;

    private static async Task<AzuriteInstance> StartAndRegisterStop()
    {
        var azurite = await AzuriteInstance.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
