using CreditFlow.Host;
using CreditFlow.Host.Configuration;

try
{
    var app = CreditFlowApp.Build(args, Directory.GetCurrentDirectory(), EnvironmentVariables.Read());
    await app.RunAsync();
    return 0;
}
catch (SettingsException e)
{
    // One line naming the key and the problem, instead of a stack trace.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
