namespace CreditFlow.Domain.Configuration;

/// <summary>Reads the shipped default configurations embedded in this assembly (<c>Defaults/*.json</c>).</summary>
internal static class EmbeddedDefault
{
    /// <summary>The text of <c>CreditFlow.Domain.Defaults.<paramref name="fileName"/></c>.</summary>
    /// <exception cref="InvalidOperationException">The resource is not embedded: a packaging error, not a user one.</exception>
    public static string Read(string fileName)
    {
        var name = $"CreditFlow.Domain.Defaults.{fileName}";
        using var stream = typeof(EmbeddedDefault).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The default configuration resource '{name}' is not embedded in {typeof(EmbeddedDefault).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
