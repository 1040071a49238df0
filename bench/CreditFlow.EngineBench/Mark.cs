namespace CreditFlow.EngineBench;

/// <summary>
/// Tells the driver, on this child's stdout, where a measured window starts or ends; the driver reads Azurite's request
/// count at that moment, so every request of the window is counted whoever sent it.
/// </summary>
internal static class Mark
{
    private static readonly object Gate = new();

    public static void Window(string name)
    {
        lock (Gate)
        {
            Console.Out.WriteLine($"@mark {name}");
            Console.Out.Flush();
        }

        // The driver reads the line asynchronously; give it a moment, so the count is taken at the edge of the window.
        Thread.Sleep(50);
    }
}
