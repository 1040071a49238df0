namespace CreditFlow.Domain.Classes;

/// <summary>What a class means for ordering.</summary>
public static class CreditClassExtensions
{
    /// <summary>False for <see cref="CreditClass.D"/>: a D customer may not order on credit at all.</summary>
    public static bool AllowsCredit(this CreditClass creditClass) => creditClass != CreditClass.D;
}
