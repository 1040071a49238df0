using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditFlow.ErpContract;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Erp;

/// <summary>
/// Posts hold outcomes to <c>Erp__CallbackUrl</c>, signed like the webhooks with the first of
/// <c>Erp__SigningKeys</c>, with the hold id as <c>Idempotency-Key</c>, within <c>Erp__CallbackTimeout</c>.
/// </summary>
internal sealed class SignedErpCallbacks(IHttpClientFactory http, IOptions<ErpOptions> options, ErpMessageSigning signing, TimeProvider clock) : IErpCallbacks
{
    /// <summary>The named HTTP client callbacks go through.</summary>
    public const string ClientName = "erp-callback";

    public async Task<bool> SendAsync(ErpCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var erp = options.Value;
        if (erp.CallbackUrl is null)
        {
            return false;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(callback, ErpJson.Options);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, erp.CallbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, signing.Sign(timestamp, body));
        request.Headers.Add("Idempotency-Key", callback.HoldId);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(erp.CallbackTimeout);
        using var response = await http.CreateClient(ClientName).SendAsync(request, cancel.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The ERP answered {(int)response.StatusCode} to the callback of hold {callback.HoldId}; it will be retried.", null, response.StatusCode);
        }

        return true;
    }
}
