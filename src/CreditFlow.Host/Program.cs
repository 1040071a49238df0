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
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // Options sections validated at start (their messages name the setting).
    await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", e.Failures.Select(OwnMessage))}");
    return 1;
}

// Data-annotation failures wrap the setting's own message ("... with the error: '<message>'.").
static string OwnMessage(string failure) =>
    System.Text.RegularExpressions.Regex.Match(failure, "with the error: '(.*)'\\.?$") is { Success: true } own ? own.Groups[1].Value : failure;
