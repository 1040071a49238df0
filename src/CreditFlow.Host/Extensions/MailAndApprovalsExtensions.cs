using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CreditFlow.Host.Approvals;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SendGrid;

namespace CreditFlow.Host.Extensions;

/// <summary>Registers mail (SendGrid or the local outbox) and approval tokens, and maps the outbox pages.</summary>
public static class MailAndApprovalsExtensions
{
    /// <summary>
    /// SendGrid sends when <c>SendGrid:ApiKey</c> is set; otherwise mails go to the local outbox.
    /// Options: <c>Mail:StoragePrefix</c>, <c>Approvals:StoragePrefix</c>, <c>Approvals:TokenLifetime</c>.
    /// </summary>
    public static IServiceCollection AddMailAndApprovals(this IServiceCollection services, CreditFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .Configure(o => o.From = settings.MailFrom)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalOptions>().BindConfiguration("Approvals").ValidateDataAnnotations().ValidateOnStart();

        // Own clients rather than shared registrations, so this area does not depend on how others register storage.
        services.AddSingleton(sp => new LocalOutboxMailSender(
            new BlobServiceClient(settings.StorageConnectionString), sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<TimeProvider>()));
        if (settings.SendGridApiKey is { } apiKey)
        {
            services.AddSingleton<ISendGridClient>(_ => new SendGridClient(apiKey));
            services.AddSingleton<IMailSender>(sp => new SendGridMailSender(
                sp.GetRequiredService<ISendGridClient>(), new BlobServiceClient(settings.StorageConnectionString),
                sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<LocalOutboxMailSender>());
        }

        services.AddSingleton(ApprovalSigningKey.From(settings.ApprovalSigningKey));
        services.AddSingleton(sp => new ApprovalTokenService(
            sp.GetRequiredService<ApprovalSigningKey>(), sp.GetRequiredService<IOptions<ApprovalOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ApprovalTokenLedger(
            new TableServiceClient(settings.StorageConnectionString), sp.GetRequiredService<IOptions<ApprovalOptions>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary><c>GET /api/outbox</c> and <c>/admin/outbox</c>; both answer 404 outside Development.</summary>
    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        app.MapOutboxApi();
        app.MapOutboxPage();
        return app;
    }
}
