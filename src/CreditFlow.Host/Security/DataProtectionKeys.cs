using Azure.Storage.Blobs;
using CreditFlow.Host.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace CreditFlow.Host.Security;

/// <summary>
/// ASP.NET Data Protection (antiforgery tokens, the staff sign-in cookie) with one key ring for every host process: kept
/// in the blob container <c>&lt;Storage__Prefix&gt;dataprotection</c> (<see cref="BlobKeyRepository"/>) under one application
/// name. Without it each process would make its own keys, and a form served by one instance, or before a restart,
/// would be refused by the next.
/// </summary>
internal static class DataProtectionKeys
{
    public const string ApplicationName = "CreditFlow";

    /// <summary>The container of the key ring, next to the credit containers (<c>creditdataprotection</c> by default).</summary>
    public static string ContainerName(string storagePrefix) => storagePrefix.ToLowerInvariant() + "dataprotection";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, CreditFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return services.AddSharedDataProtection(settings.StorageConnectionString, ContainerName(settings.StoragePrefix));
    }

    /// <summary>Data Protection with its keys in <paramref name="container"/> of the storage account.</summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, string storageConnectionString, string container)
    {
        var keys = new BlobKeyRepository(new BlobServiceClient(storageConnectionString).GetBlobContainerClient(container));
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .AddKeyManagementOptions(options => options.XmlRepository = keys);
        return services;
    }
}
