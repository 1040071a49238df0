namespace CreditFlow.Host.Workspace;

/// <summary>The outcome of what the user just did, shown at the top of the page until dismissed.</summary>
/// <param name="IsError">It went wrong (nothing was done).</param>
/// <param name="Text">What happened, in a sentence or two.</param>
/// <param name="DismissHref">Where "Dismiss" goes; null for a message that is not kept.</param>
public sealed record PageMessage(bool IsError, string Text, string? DismissHref)
{
    /// <summary>The credit pages' kept message (<see cref="Credit.CreditMessages.TakeFlash"/>) as the layout shows it; null for none.</summary>
    internal static PageMessage? From(Pages.Flash? flash) => flash is null ? null : new(flash.IsError, flash.Message, flash.DismissHref);
}
