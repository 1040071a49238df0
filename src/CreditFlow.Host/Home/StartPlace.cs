namespace CreditFlow.Host.Home;

/// <summary>A place the start page links to.</summary>
/// <param name="Id">The element's id.</param>
/// <param name="Href">Where it is.</param>
/// <param name="Name">What it is called.</param>
/// <param name="What">What is done there.</param>
/// <param name="Who">Who signs in there, and how.</param>
/// <param name="Tag">A mark beside the name (e.g. "Development"); null for none.</param>
public sealed record StartPlace(string Id, string Href, string Name, string What, string Who, string? Tag = null);
