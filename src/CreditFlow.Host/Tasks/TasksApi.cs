using System.Security.Claims;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Tasks;

/// <summary>
/// The tasks workflows ask people to do (call the customer, collect jointly, write the collection plan, take the case
/// over) as an API: listed by role and customer with any API key, completed with their outcome by any key, whose name
/// is recorded as who completed it.
/// </summary>
internal static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks");
        tasks.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListTasks")
            .WithSummary("Open tasks (completed=true: done ones, at most 500), soonest due first; filters: role, customerId.")
            .WithDescription("role is the owner role (SalesRep, CreditOfficer, …; any case); overdue says whether an open task is past its due time now. "
                + "A bad value is a 400 naming the parameter.")
            .ProducesValidationProblem();
        tasks.MapPost("/{taskId}/complete", CompleteAsync)
            .RequireAuthorization(ApiKeyPolicies.CompleteTasks)
            .WithName("CompleteTask")
            .WithSummary("Completes an open task with its outcome; who completed it is the API key's name.")
            .WithDescription("Body: {\"outcome\": \"customer promised 15 March\"} (required, at most 2,000 characters). 409 once completed. Answers the task.")
            .Accepts<CompleteTaskBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return tasks;
    }

    internal static async Task<Results<Ok<TaskView[]>, ProblemHttpResult>> ListAsync(
        CreditTaskStore tasks, TimeProvider clock, string? role, string? customerId, string? completed, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CreditRole? owner = null;
        if (!string.IsNullOrEmpty(role))
        {
            if (Enum.GetNames<CreditRole>().FirstOrDefault(n => string.Equals(n, role, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                owner = Enum.Parse<CreditRole>(name);
            }
            else
            {
                errors["role"] = [$"must be one of {string.Join(", ", Enum.GetNames<CreditRole>())}."];
            }
        }

        if (!string.IsNullOrEmpty(customerId) && !ResourceIds.IsPlausible(customerId))
        {
            errors["customerId"] = ["must be a customer id: 1-256 characters without '/', '\\', '#', '?' or control characters."];
        }

        var done = false;
        if (!string.IsNullOrEmpty(completed) && !bool.TryParse(completed, out done))
        {
            errors["completed"] = ["must be true or false."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var now = clock.GetUtcNow();
        var found = await tasks.ListAsync(done, owner, string.IsNullOrEmpty(customerId) ? null : customerId, cancellationToken);
        return TypedResults.Ok(found.Select(t => TaskView.From(t, now)).ToArray());
    }

    internal static async Task<Results<Ok<TaskView>, ProblemHttpResult>> CompleteAsync(
        string taskId, HttpRequest request, ClaimsPrincipal caller, CreditTaskStore tasks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CompleteTaskBody>(request, cancellationToken, validate: CompleteTaskBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(taskId) || await tasks.GetAsync(taskId, cancellationToken) is not { } task)
        {
            return ApiProblems.NotFound("Task", $"No task '{taskId}' exists.");
        }

        if (!task.IsOpen)
        {
            return AlreadyCompleted(task);
        }

        if (WarningIds.AnsweredBy(task.Id) is { } warningId)
        {
            return ApiProblems.Conflict(
                "Answer the warning instead", $"Task '{taskId}' asks for the answer to warning '{warningId}': POST /api/warnings/{Uri.EscapeDataString(warningId)}/answer with the actions chosen completes it. Nothing was stored.");
        }

        if (CaseIds.AcceptedBy(task.Id) is { } caseId)
        {
            return ApiProblems.Conflict(
                "Accept the case instead", $"Task '{taskId}' asks legal to accept case '{caseId}': POST /api/cases/{Uri.EscapeDataString(caseId)}/acceptance with the route completes it. Nothing was stored.");
        }

        try
        {
            var now = clock.GetUtcNow();
            var done = await tasks.CompleteAsync(task, body!.Outcome!.Trim(), CallerName(caller), now, cancellationToken);
            return TypedResults.Ok(TaskView.From(done, now));
        }
        catch (ConcurrencyConflictException)
        {
            // Completed by someone else between the read and the write.
            return await tasks.GetAsync(taskId, cancellationToken) is { IsOpen: false } completed
                ? AlreadyCompleted(completed)
                : ApiProblems.Conflict("Task busy", $"Task '{taskId}' changed while it was being completed; nothing was stored. Send it again.");
        }
    }

    private static ProblemHttpResult AlreadyCompleted(CreditTask task) =>
        ApiProblems.Conflict("Task already completed", $"Task '{task.Id}' was completed by {task.CompletedBy} at {task.CompletedAt:u}: {task.Outcome}");

    private static string CallerName(ClaimsPrincipal caller) =>
        caller.Identity?.Name ?? throw new InvalidOperationException("The endpoint must require an API key policy.");
}
