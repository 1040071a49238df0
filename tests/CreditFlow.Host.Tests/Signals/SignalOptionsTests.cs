using System.ComponentModel.DataAnnotations;
using CreditFlow.Host.Signals;

namespace CreditFlow.Host.Tests.Signals;

/// <summary>The providers' settings: each problem named by its setting, so start-up says what to fix.</summary>
public sealed class SignalOptionsTests
{
    private const string GoodKey = "a-provider-signing-key-0123456789abcdef";

    [Theory]
    [InlineData("acme", GoodKey, null, null)]
    [InlineData("acme", GoodKey, GoodKey + "-old", null)]
    [InlineData("acme", null, null, "Signals__Providers__acme__SigningKey is required")]
    [InlineData("acme", "short", null, "Signals__Providers__acme__SigningKey must be at least 32 characters")]
    [InlineData("acme", GoodKey, "short", "Signals__Providers__acme__PreviousSigningKey must be at least 32 characters")]
    [InlineData("staff", GoodKey, null, "not 'staff'")]
    [InlineData("acme registry", GoodKey, null, "a provider's name must be")]
    public void Validate_Provider_NamesTheSettingToFix(string name, string? key, string? previous, string? problem)
    {
        var options = new SignalOptions { Providers = { [name] = new SignalProviderOptions { SigningKey = key, PreviousSigningKey = previous } } };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(problem is null, valid);
        if (problem is not null)
        {
            Assert.Contains(problem, Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        }
    }
}
