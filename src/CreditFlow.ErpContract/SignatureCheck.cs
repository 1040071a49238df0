namespace CreditFlow.ErpContract;

/// <summary>The result of checking a message's signature (<see cref="ErpSignature.Read"/>, <see cref="ErpSignature.Verify"/>).</summary>
public enum SignatureCheck
{
    /// <summary>Signed by a configured key, in the window.</summary>
    Valid,

    /// <summary>A header is missing.</summary>
    Missing,

    /// <summary>The signature does not match any key, or a header is malformed.</summary>
    Invalid,

    /// <summary>The timestamp is outside the window.</summary>
    Stale,
}
