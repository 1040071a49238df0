using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Host.Workspace.Imports;

/// <summary>The imports' settings (section <c>Imports</c>): how large a file one import takes.</summary>
public sealed class ImportOptions
{
    /// <summary>The largest file accepted, in bytes.</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most rows one file may have.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 100_000;
}
