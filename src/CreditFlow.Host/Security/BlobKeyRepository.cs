using System.Text.RegularExpressions;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CreditFlow.Host.Security;

/// <summary>
/// The Data Protection key ring in a blob container, one blob per key element (a key or a revocation), so every host
/// process on the same storage reads the same keys and what one protects (an antiforgery token, the staff sign-in
/// cookie) the others unprotect, before and after a restart.
/// </summary>
/// <remarks>
/// Data Protection asks synchronously and rarely (at start, then about once a day), hence the synchronous calls.
/// A blob is written once and never replaced: a name already taken gets a fresh one, as the file-system store does.
/// The keys are stored as Data Protection writes them; the storage account's access control is what guards them.
/// </remarks>
internal sealed partial class BlobKeyRepository(BlobContainerClient container) : IXmlRepository
{
    private volatile bool _containerExists;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        try
        {
            foreach (var blob in container.GetBlobs())
            {
                var content = container.GetBlobClient(blob.Name).DownloadContent().Value.Content;
                elements.Add(XElement.Parse(content.ToString()));
            }
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // No key yet: Data Protection creates the first one and stores it here.
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!_containerExists)
        {
            container.CreateIfNotExists();
            _containerExists = true;
        }

        var content = BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting));
        var name = SafeName().IsMatch(friendlyName ?? "") ? friendlyName! : Guid.NewGuid().ToString();
        if (!TryCreate(name, content))
        {
            TryCreate(Guid.NewGuid().ToString(), content);
        }
    }

    private bool TryCreate(string name, BinaryData content)
    {
        try
        {
            container.GetBlobClient(name + ".xml").Upload(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml; charset=utf-8" },
            });
            return true;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.Status == 409)
        {
            return false;
        }
    }

    // Data Protection names its elements "key-<guid>" and "revocation-<time>"; anything else gets a guid.
    [GeneratedRegex("^[A-Za-z0-9-]{1,200}$")]
    private static partial Regex SafeName();
}
