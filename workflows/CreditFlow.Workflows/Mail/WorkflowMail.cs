namespace CreditFlow.Workflows.Mail;

/// <summary>A mail a workflow sends: one recipient, HTML and text bodies, and the links it carries.</summary>
/// <param name="Links">Listed apart from the bodies so the local outbox can show them clickable.</param>
public sealed record WorkflowMail(string To, string Subject, string HtmlBody, string TextBody, IReadOnlyList<WorkflowMailLink> Links);

/// <summary>A link in a mail, e.g. "Review the application" → <c>/approvals/{token}</c>.</summary>
public sealed record WorkflowMailLink(string Text, Uri Url);
