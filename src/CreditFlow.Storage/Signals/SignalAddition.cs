namespace CreditFlow.Storage.Signals;

/// <summary>What <see cref="SignalStore.AddOnceAsync"/> came to.</summary>
public enum SignalAddition
{
    /// <summary>This call stored the signal: it is new, and is to be handed on.</summary>
    Added,

    /// <summary>The same event with the same content was stored before; nothing changed.</summary>
    AlreadyStored,

    /// <summary>The provider's event id was stored before with another content; nothing changed.</summary>
    IdReused,
}
