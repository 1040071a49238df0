using System.Security.Cryptography;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Imports;
using CreditFlow.Workflows.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Imports;

/// <summary>
/// <c>/credit/imports</c>: customers, invoices or payments from a CSV or Excel file. The file is checked whole
/// (<see cref="ImportCheck"/>); with any problem nothing is applied and every problem is listed by row and column;
/// otherwise it is applied by <see cref="ImportWorkflow"/> and its page shows the progress. Below, the past imports,
/// newest first, 50 a page (<c>?page=</c>).
/// </summary>
internal static class ImportEndpoints
{
    public const string Path = "/credit/imports";

    public static RouteGroupBuilder MapImportPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapWorkspaceGroup(Path);
        pages.MapGet("", ListAsync).WithName("Imports");
        pages.MapPost("", UploadAsync).WithName("ImportUpload");
        pages.MapGet("/templates/{kind}.{format}", TemplateAsync).WithName("ImportTemplate");
        pages.MapGet("/{importId}", ShowAsync).WithName("Import");
        pages.MapGet("/{importId}/progress", ProgressAsync).WithName("ImportProgress");
        return pages;
    }

    /// <summary>Who may import: those who book invoices and payments or keep the customer file.</summary>
    public static bool MayImport(CreditUser user) => ApiKeyPolicies.ImportDataRoles.Contains(user.Role);

    private static async Task<RazorComponentResult<ImportsPage>> ListAsync(HttpContext http, ImportStore imports, string? page) =>
        Page(http, await PastImportsAsync(imports, page, http.RequestAborted), null, [], null);

    private static async Task<IResult> UploadAsync(
        HttpContext http, ImportCheck check, ImportApplication application, ImportStore imports, IOptions<ImportOptions> options, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var ct = http.RequestAborted;
        if (!MayImport(user))
        {
            return await RefusedAsync(http, imports, null, [new ImportProblem(0, null, $"{WorklistText.Words(user.Role)} may not import; ask a credit officer, the credit manager or finance.")], null, StatusCodes.Status403Forbidden);
        }

        if (!http.Request.HasFormContentType)
        {
            return await RefusedAsync(http, imports, null, [new ImportProblem(0, "file", "send the file as a form upload (multipart/form-data)")], null, StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var kindText = form["kind"].ToString();
        if (!Enum.TryParse<ImportKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return await RefusedAsync(http, imports, null, [new ImportProblem(0, "kind", $"'{kindText}' is not something to import: choose customers, invoices or payments")], null, StatusCodes.Status400BadRequest);
        }

        var file = form.Files["file"];
        var problem = file switch
        {
            null or { Length: 0 } => "choose a file to import",
            _ when file.Length > options.Value.MaxFileBytes => $"{file.FileName} is {file.Length:N0} bytes; one import takes at most {options.Value.MaxFileBytes:N0}",
            _ when !(file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) =>
                $"{file.FileName} is neither a .csv nor an .xlsx file",
            _ => null,
        };
        if (problem is not null)
        {
            return await RefusedAsync(http, imports, kind, [new ImportProblem(0, "file", problem)], null, StatusCodes.Status400BadRequest);
        }

        ImportSheet sheet;
        await using (var content = file!.OpenReadStream())
        {
            // MiniExcel needs to seek; a form file's stream may not.
            var buffered = new MemoryStream();
            await content.CopyToAsync(buffered, ct);
            buffered.Position = 0;
            try
            {
                sheet = await ImportSheet.ReadAsync(buffered, file.FileName, options.Value.MaxRows, ct);
            }
            catch (InvalidDataException e)
            {
                return await RefusedAsync(http, imports, kind, [new ImportProblem(0, "file", e.Message)], file.FileName, StatusCodes.Status422UnprocessableEntity);
            }
        }

        var (rows, problems) = await check.CheckAsync(kind, sheet, ct);
        if (rows is null)
        {
            return await RefusedAsync(http, imports, kind, problems, file.FileName, StatusCodes.Status422UnprocessableEntity);
        }

        var at = clock.GetUtcNow();
        var importId = $"{at:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        await application.StartAsync(new ImportRecord(importId, kind, System.IO.Path.GetFileName(file.FileName), user.Name, at, rows.Count, 0, 0, [], ImportStatus.Applying, null), rows, ct);
        return TypedResults.Redirect($"{Path}/{importId}", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ImportStore imports, string importId)
    {
        if (await FindAsync(imports, importId, http.RequestAborted) is not { } import)
        {
            return TypedResults.NotFound();
        }

        var user = CreditGuard.User(http);
        return new RazorComponentResult<ImportPage>(new { Import = import, UserName = user.Name, UserRole = WorklistText.Words(user.Role) });
    }

    private static async Task<IResult> ProgressAsync(HttpContext http, ImportStore imports, string importId) =>
        await FindAsync(imports, importId, http.RequestAborted) is { } import
            ? TypedResults.Ok(new ImportProgress(import.Rows, import.Applied, import.AlreadyThere, import.Refused.Count, import.Status.ToString()))
            : TypedResults.NotFound();

    private static async Task<IResult> TemplateAsync(string kind, string format, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || !TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var columns = ImportColumns.Of(parsed);
        var table = new ExportTable(parsed.ToString().ToLowerInvariant() + "-template", columns.Select(c => c.Name).ToList(), [columns.Select(c => (object?)c.Example).ToArray()]);
        return await TableFiles.DownloadAsync(table, format, cancellationToken);
    }

    private static async Task<ImportRecord?> FindAsync(ImportStore imports, string importId, CancellationToken cancellationToken) =>
        importId.Length is > 0 and <= 64 && importId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? await imports.GetAsync(importId, cancellationToken) : null;

    /// <summary>
    /// Page <paramref name="page"/> of the past imports, newest first, and a bad page number said as the page's message: the
    /// ids of all imports give the count, the imports themselves are read for the page shown only.
    /// </summary>
    private static async Task<(IReadOnlyList<ImportRecord> Imports, Paging Paging, Flash? Message)> PastImportsAsync(ImportStore imports, string? page, CancellationToken cancellationToken)
    {
        var ids = await imports.IdsNewestFirstAsync(cancellationToken);
        Flash? message = null;
        var paging = Paging.Read(page, ids.Count, ref message);
        return (await imports.GetManyAsync(paging.Of(ids), cancellationToken), paging, message);
    }

    /// <summary>The upload refused: the import page with the problems, over the first page of past imports (read only then).</summary>
    private static async Task<IResult> RefusedAsync(
        HttpContext http, ImportStore imports, ImportKind? kind, IReadOnlyList<ImportProblem> problems, string? fileName, int status) =>
        Page(http, await PastImportsAsync(imports, null, http.RequestAborted), kind, problems, fileName, status);

    private static RazorComponentResult<ImportsPage> Page(
        HttpContext http,
        (IReadOnlyList<ImportRecord> Imports, Paging Paging, Flash? Message) latest,
        ImportKind? kind,
        IReadOnlyList<ImportProblem> problems,
        string? fileName,
        int status = StatusCodes.Status200OK)
    {
        var user = CreditGuard.User(http);
        return new RazorComponentResult<ImportsPage>(new
        {
            Latest = latest.Imports,
            Paging = latest.Paging,
            Message = PageMessage.From(latest.Message),
            Kind = kind,
            Problems = problems,
            FileName = fileName,
            MayImport = MayImport(user),
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
        })
        {
            StatusCode = status,
        };
    }
}

/// <summary>How far an import is, as its page polls it.</summary>
public sealed record ImportProgress(int Rows, int Applied, int AlreadyThere, int Refused, string Status);
