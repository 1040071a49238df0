using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Activity: posts a hold's outcome to the ERP's callback URL, signed like the webhooks, with the
/// hold id as <c>Idempotency-Key</c> so the ERP can drop repeats. Anything but 2xx throws, and the
/// workflow's retry policy tries again later.
/// </summary>
public sealed class NotifyErp(IHttpClientFactory http, IOptions<ErpOptions> options, TimeProvider clock) : TaskActivity<ErpCallback, bool>
{
    /// <summary>The named HTTP client the activity uses.</summary>
    public const string ClientName = "erp-callback";

    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ErpCallback input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var erp = options.Value;
        if (erp.CallbackUrl is null)
        {
            return false;
        }

        if (erp.SigningKeys.Count == 0)
        {
            throw new InvalidOperationException("Erp__SigningKeys__0 must be set to sign callbacks to the ERP.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(input, OrderCheckService.Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, erp.CallbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(erp.SigningKeys[0], timestamp, body));
        request.Headers.Add("Idempotency-Key", input.HoldId);
        using var cancel = new CancellationTokenSource(erp.CallbackTimeout);
        using var response = await http.CreateClient(ClientName).SendAsync(request, cancel.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The ERP answered {(int)response.StatusCode} to the callback of hold {input.HoldId}; it will be retried.", null, response.StatusCode);
        }

        return true;
    }
}
