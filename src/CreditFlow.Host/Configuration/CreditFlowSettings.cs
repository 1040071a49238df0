using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Security;
using CreditFlow.Host.Telemetry;
using Microsoft.Extensions.Configuration;

namespace CreditFlow.Host.Configuration;

/// <summary>
/// Every setting the host reads, validated once at start-up. A bad value stops start-up with a
/// <see cref="SettingsException"/> naming the key; local.settings.sample.json documents each key.
/// </summary>
public sealed record CreditFlowSettings
{
    private const string DurableSection = FunctionAppSettingsLoader.HostSection + ":extensions:durableTask";
    private const string DurableDisplay = "host.json extensions.durableTask";

    /// <summary>Connection string of the storage account (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public required string StorageConnectionString { get; init; }

    public required DurableTaskOptions Durable { get; init; }

    /// <summary>Which engine runs the workflows (host.json <c>extensions.durableTask.storageProvider.type</c>).</summary>
    public DurableBackend Backend { get; init; } = DurableBackend.CreditFlow;

    /// <summary>Microsoft's engine's settings, used when <see cref="Backend"/> is <see cref="DurableBackend.AzureStorage"/>.</summary>
    public CreditFlow.Durable.AzureStorage.AzureStorageEngineOptions AzureStorage { get; init; } = new();

    /// <summary>Prefix of the credit tables and containers (customers, profiles, applications, documents, reports).</summary>
    public string StoragePrefix { get; init; } = "credit";

    /// <summary>Key guarding the admin surfaces; null disables them.</summary>
    public string? AdminKey { get; init; }

    public string? SendGridApiKey { get; init; }

    public string MailFrom { get; init; } = "credit@creditflow.local";

    /// <summary>Key that signs approval links; null means a random key per process start.</summary>
    public string? ApprovalSigningKey { get; init; }

    /// <summary>While rotating: the approval signing key before <see cref="ApprovalSigningKey"/>, still verifying what it signed.</summary>
    public string? PreviousApprovalSigningKey { get; init; }

    /// <summary>HMAC keys the ERP may sign webhooks with (two while rotating).</summary>
    public IReadOnlyList<string> ErpSigningKeys { get; init; } = [];

    /// <summary>Where the ERP receives hold outcomes; null when no ERP is connected.</summary>
    public Uri? ErpCallbackUrl { get; init; }

    /// <summary>The address people reach this host at; mailed links (approval pages) start with it.</summary>
    public Uri PublicBaseUrl { get; init; } = DefaultPublicBaseUrl;

    private static readonly Uri DefaultPublicBaseUrl = new("http://localhost:7071");

    /// <summary>Traces, metrics and logs: off unless <c>Telemetry__Exporter</c> names where they go.</summary>
    public TelemetrySettings Telemetry { get; init; } = TelemetrySettings.Off;

    /// <summary>The reverse proxies whose forwarded headers are believed; none by default.</summary>
    public ProxySettings Proxy { get; init; } = ProxySettings.None;

    /// <summary>Staff sign-in with OpenID Connect; null: the pages take API keys only.</summary>
    public StaffSignInSettings? StaffSignIn { get; init; }

    /// <summary>Requests per minute per client on the public surfaces.</summary>
    public RateLimitSettings RateLimits { get; init; } = new();

    /// <summary>Reads and validates all settings.</summary>
    /// <exception cref="SettingsException">The first bad setting found.</exception>
    public static CreditFlowSettings From(IConfiguration configuration)
    {
        var read = new SettingsReader(configuration);
        var durable = new DurableTaskOptions
        {
            HubName = read.String($"{DurableSection}:hubName") ?? new DurableTaskOptions().HubName,
            PartitionCount = read.Int($"{DurableSection}:storageProvider:partitionCount", $"{DurableDisplay}.storageProvider.partitionCount", 4),
            MaxConcurrentActivityFunctions = read.Int($"{DurableSection}:maxConcurrentActivityFunctions", $"{DurableDisplay}.maxConcurrentActivityFunctions", 10),
            MaxConcurrentOrchestratorFunctions = read.Int($"{DurableSection}:maxConcurrentOrchestratorFunctions", $"{DurableDisplay}.maxConcurrentOrchestratorFunctions", 10),
            MaxQueuePollingInterval = read.TimeSpan($"{DurableSection}:storageProvider:maxQueuePollingInterval", $"{DurableDisplay}.storageProvider.maxQueuePollingInterval", TimeSpan.FromSeconds(30)),
            ControlQueueVisibilityTimeout = read.TimeSpan($"{DurableSection}:storageProvider:controlQueueVisibilityTimeout", $"{DurableDisplay}.storageProvider.controlQueueVisibilityTimeout", TimeSpan.FromMinutes(5)),
            PartitionLeaseDuration = read.TimeSpan($"{DurableSection}:storageProvider:partitionLeaseDuration", $"{DurableDisplay}.storageProvider.partitionLeaseDuration", TimeSpan.FromSeconds(30)),
            MaxDequeueCount = read.Int($"{DurableSection}:storageProvider:maxDequeueCount", $"{DurableDisplay}.storageProvider.maxDequeueCount", 5),
        };
        if (durable.Validate() is [var problem, ..])
        {
            throw new SettingsException($"{DurableDisplay}.{problem.Key}", problem.Problem);
        }

        var (backend, azureStorage) = DurableBackendSettings.Read(read, durable);
        var storage = read.RequiredString("AzureWebJobsStorage", "AzureWebJobsStorage");
        StorageConnection.Validate(storage);

        var storagePrefix = NullIfEmpty(read.String("Storage:Prefix")) ?? "credit";
        if (!System.Text.RegularExpressions.Regex.IsMatch(storagePrefix, "^[a-z][a-z0-9]{2,30}$"))
        {
            throw new SettingsException("Storage__Prefix", "must be 3-31 lowercase letters or digits, starting with a letter.");
        }

        var adminKey = read.String("AdminKey");
        if (adminKey is { Length: > 0 and < 16 })
        {
            throw new SettingsException("AdminKey", "must be at least 16 characters when set.");
        }

        var approvalKey = NullIfEmpty(read.String("Approvals:SigningKey"));
        if (approvalKey is { Length: < 32 })
        {
            throw new SettingsException("Approvals__SigningKey", "must be at least 32 characters when set.");
        }

        var previousApprovalKey = NullIfEmpty(read.String("Approvals:PreviousSigningKey"));
        if (previousApprovalKey is { Length: < 32 })
        {
            throw new SettingsException("Approvals__PreviousSigningKey", "must be at least 32 characters when set.");
        }

        if (previousApprovalKey is not null && approvalKey is null)
        {
            throw new SettingsException("Approvals__PreviousSigningKey", "is the key being replaced: set the new one as Approvals__SigningKey too.");
        }

        var erpKeys = new[] { read.String("Erp:SigningKeys:0"), read.String("Erp:SigningKeys:1") }
            .Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).ToList();
        if (erpKeys.FirstOrDefault(k => k.Length < 32) is not null)
        {
            throw new SettingsException("Erp__SigningKeys", "every key must be at least 32 characters.");
        }

        var publicBaseUrl = read.AbsoluteUri("PublicBaseUrl", "PublicBaseUrl") ?? DefaultPublicBaseUrl;
        if (publicBaseUrl.Query.Length > 0 || publicBaseUrl.Fragment.Length > 0 || publicBaseUrl.UserInfo.Length > 0)
        {
            // Links are made by appending a path; a query, fragment or credentials would end up in the middle of every link.
            throw new SettingsException("PublicBaseUrl", $"must be a plain http(s) address without query, fragment or user name (was '{publicBaseUrl.OriginalString}').");
        }

        return new CreditFlowSettings
        {
            StorageConnectionString = storage,
            StoragePrefix = storagePrefix,
            Durable = durable,
            Backend = backend,
            AzureStorage = azureStorage,
            AdminKey = string.IsNullOrEmpty(adminKey) ? null : adminKey,
            SendGridApiKey = NullIfEmpty(read.String("SendGrid:ApiKey")),
            MailFrom = NullIfEmpty(read.String("SendGrid:From")) ?? "credit@creditflow.local",
            ApprovalSigningKey = approvalKey,
            PreviousApprovalSigningKey = previousApprovalKey,
            ErpSigningKeys = erpKeys,
            ErpCallbackUrl = read.AbsoluteUri("Erp:CallbackUrl", "Erp__CallbackUrl"),
            PublicBaseUrl = publicBaseUrl,
            Telemetry = TelemetrySettings.From(configuration, read),
            Proxy = ProxySettings.From(configuration),
            StaffSignIn = StaffSignInSettings.From(configuration, read),
            RateLimits = RateLimitSettings.From(read),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
