namespace CreditFlow.Host.Pages;

/// <summary>What sets one area's pages apart in <see cref="PageLayout"/>: its name, look, header and script.</summary>
/// <param name="Name">Follows each page's title (<c>"Instances · CreditFlow admin"</c>); null: the title alone.</param>
/// <param name="Style">The area's CSS, inline (the pages load nothing from elsewhere).</param>
/// <param name="HeaderHtml">The header's content, already encoded.</param>
/// <param name="Script">The area's script, inline; null for pages that run none.</param>
/// <param name="NoIndex">Asks search engines to keep away (pages reached by personal links).</param>
internal sealed record PageFrame(string? Name, string Style, string HeaderHtml, string? Script = null, bool NoIndex = false);
