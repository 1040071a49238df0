using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Storage;

/// <summary>Settings of the credit store (section "Storage").</summary>
public sealed class CreditStorageOptions
{
    /// <summary>Default upload limit: 20 MiB, enough for scanned statements, small enough to buffer.</summary>
    public const long DefaultMaxDocumentBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Prefix of every table and container name: a letter, then letters and digits, at most 40
    /// characters (table names stop at 63). Tests isolate themselves with a unique prefix.
    /// </summary>
    [Required(ErrorMessage = "Storage:Prefix is required: a letter followed by at most 39 letters or digits.")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$", ErrorMessage = "Storage:Prefix must be a letter followed by at most 39 letters or digits.")]
    public string Prefix { get; set; } = "credit";

    /// <summary>Largest document accepted by an upload, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>Checks the options; the message says how to fix them.</summary>
    /// <exception cref="ArgumentException">They are invalid.</exception>
    internal void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }
}
