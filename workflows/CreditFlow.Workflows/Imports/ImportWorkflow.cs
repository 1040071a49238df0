using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Imports;

/// <summary>An accepted import as its workflow carries it: which, and how many rows it applies at a time.</summary>
/// <param name="ImportId">The import (and the workflow's instance id).</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="RowsPerStep">Rows applied by one activity: progress is recorded after each.</param>
/// <param name="First">The first row this generation of the workflow applies (0-based).</param>
public sealed record ImportRun(string ImportId, int Rows, int RowsPerStep, int First = 0);

/// <summary>The rows one step applies: <paramref name="Count"/> rows from the <paramref name="First"/> (0-based, file order).</summary>
public sealed record ImportStep(string ImportId, int First, int Count);

/// <summary>
/// Applies a checked import file, a step of rows at a time, to its end: the check accepted the file whole, so it is
/// applied whole — a crash resumes from the last step recorded, and every row is applied so that doing it twice is
/// the same as once (customers by id, invoices and payments by the ERP's document id).
/// </summary>
public sealed class ImportWorkflow : TaskOrchestrator<ImportRun, int>
{
    /// <summary>Steps one generation takes before it starts afresh, so that a large file's history stays short to replay.</summary>
    public const int StepsPerGeneration = 100;

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, ImportRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var steps = 0;
        for (var first = input.First; first < input.Rows; first += input.RowsPerStep)
        {
            if (steps++ == StepsPerGeneration)
            {
                context.ContinueAsNew(input with { First = first });
                return first;
            }

            await context.CallActivityAsync<int>(nameof(ApplyImportRows), new ImportStep(input.ImportId, first, Math.Min(input.RowsPerStep, input.Rows - first)), StepRetries.Default);
        }

        return input.Rows;
    }
}

/// <summary>Applies one step of an import's rows and records how far it got (<see cref="ImportApplication.ApplyAsync"/>).</summary>
public sealed class ApplyImportRows(ImportApplication imports) : TaskActivity<ImportStep, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskActivityContext context, ImportStep input) =>
        imports.ApplyAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
