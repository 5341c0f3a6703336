using System;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>Hand-written requests for the endpoint tests (the uploader is not used here).</summary>
    internal static class EndpointTestKit
    {
        /// <summary>The device <see cref="Login"/> makes sure the endpoint knows (the first one a new endpoint creates).</summary>
        public const string KitDevice = "dev_000000000000000000000001";

        public const string ValidBody =
            "{\"location_id\":\"loc_1\",\"device_id\":\"" + KitDevice + "\",\"session_reference_id\":\"S1\",\"record_reference_id\":\"R1\"," +
            "\"energy_flow_direction\":\"INBOUND\",\"tariff_direction\":\"IMPORT\",\"units\":\"WH\",\"confidence\":1," +
            "\"value\":1500,\"start_time\":\"2024-03-01T10:00:00Z\",\"end_time\":\"2024-03-01T10:30:00Z\"}";

        public static string Basic(EndpointAccount account) =>
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(account.AccountId + ":" + account.ApiKey));

        public static string Body(string reference, string session, long wh, DateTime start)
        {
            return "{\"location_id\":\"loc_1\",\"session_reference_id\":\"" + session + "\",\"record_reference_id\":\"" + reference +
                "\",\"units\":\"WH\",\"value\":" + wh.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                ",\"start_time\":\"" + start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) +
                "\",\"end_time\":\"" + start.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\"}";
        }

        /// <summary>Logs in directly through the handler and returns "Bearer …"; a new endpoint first gets the device <see cref="KitDevice"/>.</summary>
        public static string Login(FlatpeakEndpoint endpoint)
        {
            if (endpoint.Devices.Count == 0)
            {
                Assert.AreEqual(KitDevice, endpoint.Devices.Create(EndpointAccount.LocalTest.AccountId, "kit-device", false, DateTimeOffset.UtcNow).Id);
            }

            EndpointResponse r = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/login", Authorization = Basic(EndpointAccount.LocalTest) });
            Assert.AreEqual(200, r.StatusCode);
            using JsonDocument doc = JsonDocument.Parse(r.Body);
            return "Bearer " + doc.RootElement.GetProperty("bearer_token").GetString();
        }

        public static EndpointResponse PostInstant(FlatpeakEndpoint endpoint, string bearer, string body, string query = "")
        {
            return endpoint.Handle(new EndpointRequest
            {
                Method = "POST",
                PathAndQuery = "/costs/instant" + query,
                Authorization = bearer,
                ContentType = "application/json",
                Body = Encoding.UTF8.GetBytes(body),
            });
        }

        public static JsonDocument Json(EndpointResponse response) => JsonDocument.Parse(response.Body);

        public static JsonDocument Json(HttpResponse response) => JsonDocument.Parse(new ReadOnlyMemory<byte>(response.Body, 0, response.BodyLength));

        public static HttpRequest Request(string baseUrl, string method, string path, string authorization, string body = null, int deadlineMs = 5000)
        {
            byte[] bytes = body == null ? null : Encoding.UTF8.GetBytes(body);
            return new HttpRequest
            {
                Method = method,
                Url = baseUrl + path,
                Authorization = authorization,
                ContentType = body == null ? null : "application/json",
                Body = bytes,
                BodyLength = bytes?.Length ?? 0,
                DeadlineMilliseconds = deadlineMs,
            };
        }

        /// <summary>Starts the request and polls until the result is there (at most <paramref name="limitMs"/>).</summary>
        public static HttpResponse Exchange(IHttpTransport transport, HttpRequest request, int limitMs = 10000)
        {
            var response = new HttpResponse { Body = new byte[16 * 1024] };
            transport.Start(request);
            var watch = Stopwatch.StartNew();
            while (!transport.TryTakeResult(response))
            {
                Assert.IsTrue(watch.ElapsedMilliseconds < limitMs, "no result within " + limitMs + " ms");
                Thread.Sleep(1);
            }

            return response;
        }

        public static string Code(HttpResponse response)
        {
            using JsonDocument doc = Json(response);
            return doc.RootElement.GetProperty("code").GetString();
        }
    }
}
