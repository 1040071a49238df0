namespace CreditFlow.Host.Workspace;

/// <summary>The pages of the credit workspace, in the order of its navigation.</summary>
internal static class WorkspaceNavigation
{
    public static IReadOnlyList<(string Key, string Label, string Href)> Pages { get; } =
    [
        ("dashboard", "Dashboard", "/credit/dashboard"),
        ("customers", "Customers", "/credit/customers"),
        ("invoices", "Invoices", "/credit/invoices"),
        ("holds", "Holds", "/credit/holds"),
        ("tasks", "Tasks", "/credit/tasks"),
        ("warnings", "Warnings", "/credit/warnings"),
        ("reviews", "Reviews", "/credit/reviews"),
        ("cases", "Cases", "/credit/cases"),
        ("blacklist", "Blacklist", "/credit/blacklist"),
        ("imports", "Import", "/credit/imports"),
        ("policy", "Policy", "/credit/policies"),
    ];
}
