namespace CreditFlow.Storage.Documents;

/// <summary>A downloaded document; the caller disposes <see cref="Content"/>.</summary>
public sealed record DocumentContent(StoredDocument Document, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
