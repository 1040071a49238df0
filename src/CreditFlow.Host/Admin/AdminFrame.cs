using CreditFlow.Host.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary>
/// The old admin frame in <see cref="PageLayout"/>, for what is not on <see cref="AdminLayout"/> yet: the outbox
/// (Mail/OutboxPage) and the same-origin refusal; their look, the navigation once signed in, the confirm script.
/// </summary>
internal static class AdminFrame
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
        header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
        header a{color:#cfe0ff;text-decoration:none}header b{margin-right:1rem}header form{margin-left:auto}
        main{padding:1rem 1.2rem;max-width:1200px}
        h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.05rem;margin:1.4rem 0 .5rem}
        table{border-collapse:collapse;background:#fff;width:100%}
        th,td{border:1px solid #dde1e7;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600}
        pre{background:#fff;border:1px solid #dde1e7;padding:.5rem;overflow:auto;max-height:20rem;margin:0}
        .flash{padding:.6rem .9rem;border-radius:4px;margin-bottom:1rem}
        .ok{background:#e3f6e8;border:1px solid #8fd3a1}.error{background:#fde8e8;border:1px solid #f0a0a0}
        .status{padding:.05rem .45rem;border-radius:3px;font-size:.85em;font-weight:600;background:#e4e7ec}
        .s-Running{background:#dbe9ff}.s-Completed{background:#d8f3df}.s-Failed{background:#fbd9d9}
        .s-Terminated{background:#f6e3c7}.s-Suspended{background:#efe0fa}.s-Pending{background:#eee}
        form.inline{display:inline}fieldset{border:1px solid #dde1e7;background:#fff;margin:0 0 .8rem}
        .filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:end}.filters label{display:flex;flex-direction:column}
        .actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:.8rem}
        .muted{color:#6b7380}.mono{font-family:ui-monospace,monospace}
        button{cursor:pointer}textarea{width:100%;font-family:ui-monospace,monospace}
        """;

    // Forms marked data-confirm ask first and only then set confirm=yes; without JS the server asks instead.
    private const string Script = """
        document.querySelectorAll('form[data-confirm]').forEach(function (f) {
          f.addEventListener('submit', function (e) {
            if (!window.confirm(f.getAttribute('data-confirm'))) { e.preventDefault(); return; }
            f.querySelector('input[name=confirm]').value = 'yes';
          });
        });
        """;

    /// <summary>The frame of a signed-in admin: navigation (the outbox only in Development) and sign-out.</summary>
    public static PageFrame SignedIn => new(
        "CreditFlow admin",
        Style,
        "<b>CreditFlow admin</b><a href=\"/admin\">Instances</a><a href=\"/admin/partitions\">Partitions</a><a href=\"/admin/poison\">Poison messages</a><a href=\"/admin/clock\">Business clock</a>"
            + "<a href=\"/credit/holds\">Held orders</a>"
            + (Mail.DevelopmentOnly.IsCurrent ? "<a href=\"/admin/outbox\">Outbox</a>" : string.Empty)
            + "<form method=\"post\" action=\"/admin/logout\"><button type=\"submit\">Sign out</button></form>",
        Script);

    /// <summary>The frame before signing in (and of refusals): no navigation.</summary>
    public static PageFrame SignedOut { get; } = new("CreditFlow admin", Style, "<b>CreditFlow admin</b>", Script);

    /// <summary>A complete admin page: navigation (when signed in), the flash message if any, the body.</summary>
    public static ContentHttpResult Page(string title, string body, Flash? flash = null, int statusCode = StatusCodes.Status200OK, bool signedIn = true, int? refreshSeconds = null) =>
        PageLayout.Page(signedIn ? SignedIn : SignedOut, title, body, flash, statusCode, refreshSeconds);
}
