using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Approvals;
using CreditFlow.Host.Configuration;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.Onboarding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SendGrid;

namespace CreditFlow.Host.Extensions;

/// <summary>Registers mail (SendGrid or the local outbox), approval tokens and links, and maps the outbox and approval pages.</summary>
public static class MailAndApprovalsExtensions
{
    /// <summary>
    /// SendGrid sends when <c>SendGrid:ApiKey</c> is set; otherwise mails go to the local outbox.
    /// Options: <c>Mail:StoragePrefix</c>, <c>Approvals:StoragePrefix</c>, <c>Approvals:TokenLifetime</c>.
    /// Workflows get <see cref="IWorkflowMail"/>, <see cref="IApprovalLinks"/> and <see cref="IApplicationLinks"/> (links start with <c>PublicBaseUrl</c>).
    /// </summary>
    public static IServiceCollection AddMailAndApprovals(this IServiceCollection services, CreditFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .Configure(o => o.From = settings.MailFrom)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalOptions>().BindConfiguration("Approvals").ValidateDataAnnotations().ValidateOnStart();

        // The approval pages and the outbox are Razor components: this area renders them without the workspace.
        services.AddRazorComponents();

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

        services.AddSingleton(SigningKeys.From(settings));
        services.AddSingleton(sp => new ApprovalTokenService(
            sp.GetRequiredService<SigningKeys>(), sp.GetRequiredService<IOptions<ApprovalOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ApprovalTokenLedger(
            new TableServiceClient(settings.StorageConnectionString), sp.GetRequiredService<IOptions<ApprovalOptions>>(), sp.GetRequiredService<TimeProvider>()));

        // Factories, like the rest: a host that maps only the outbox (and has no durable client) still builds.
        services.AddSingleton<IWorkflowMail>(sp => new WorkflowMailSender(sp.GetRequiredService<IMailSender>()));
        services.AddSingleton<IApprovalLinks>(sp => new SignedApprovalLinks(sp.GetRequiredService<ApprovalTokenService>(), settings.PublicBaseUrl));
        services.AddSingleton<IApplicationLinks>(new ApplicationPageLinks(settings.PublicBaseUrl));
        services.AddSingleton(sp => new ApprovalPageLogic(
            sp.GetRequiredService<ApprovalTokenService>(), sp.GetRequiredService<ApprovalTokenLedger>(), sp.GetRequiredService<ApprovalRepository>(),
            sp.GetRequiredService<DurableTaskClient>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ApprovalPageLogic>>()));
        return services;
    }

    /// <summary><c>GET /api/outbox</c> and <c>/admin/outbox</c>; both answer 404 outside Development.</summary>
    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        app.MapOutboxApi();
        app.MapOutboxPage();
        return app;
    }

    /// <summary><c>GET</c> and <c>POST /approvals/{token}</c>: the pages approval mails link to.</summary>
    public static RouteGroupBuilder MapApprovalPages(this IEndpointRouteBuilder app) => ApprovalPages.Map(app);
}
