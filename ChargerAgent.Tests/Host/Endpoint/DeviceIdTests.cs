using System;
using System.Text;
using System.Text.Json;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Console;
using ChargerAgent.Core.Upload.Devices;
using ChargerAgent.Endpoint;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Endpoint
{
    /// <summary>Device ids as Flatpeak defines them: the prefix key, a configured dev_ id, a registered one, and the endpoint's side.</summary>
    [TestClass]
    public sealed class DeviceIdTests
    {
        [TestMethod]
        public void An_old_configuration_keeps_its_reference_ids_and_sends_no_device_id()
        {
            var rig = new DeviceRig("flatpeak.device_id = garage-charger-1\n");
            rig.AddRecords(3);
            rig.Run(5_000);
            Assert.AreEqual("garage-charger-1-1234abcd-r1", rig.RecordId(1), "the reference id format of records already sent");
            for (uint seq = 1; seq <= 3; seq++) Assert.IsNull(rig.Stored(seq).DeviceId);
            Assert.AreEqual(0, rig.Count("POST /devices") + rig.Count("GET /devices"));
            Assert.IsNull(rig.Status.Delivery.FlatpeakDevice);
        }

        [TestMethod]
        public void An_old_dev_value_stays_the_prefix_and_is_not_sent_as_a_device_id()
        {
            var rig = new DeviceRig("flatpeak.device_id = dev_65e6d8334c8d715963d99db3\n");
            rig.AddRecords(2);
            rig.Run(5_000);
            StringAssert.StartsWith(rig.RecordId(1), "dev_65e6d8334c8d715963d99db3-1234abcd-");
            Assert.IsNull(rig.Stored(1).DeviceId, "the old key never was a Flatpeak device id: records stay with the location");
            Assert.IsNull(rig.Stored(2).DeviceId);
        }

        [TestMethod]
        public void Config_check_warns_about_a_dev_value_under_the_old_name_and_names_the_new_keys()
        {
            var values = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(DeviceRig.BaseText + "flatpeak.device_id = dev_65e6d8334c8d715963d99db3\n", values, out string problem), problem);
            string[] warnings = ConfigValidator.Warnings(values);
            Assert.AreEqual(1, warnings.Length);
            StringAssert.Contains(warnings[0], "flatpeak.device_id");
            StringAssert.Contains(warnings[0], "agent.id");
            StringAssert.Contains(warnings[0], "flatpeak.device");
            Assert.IsTrue(ConfigValidator.Validate(values, false, new AgentConfig(), out string[] problems), "a warning, not an error: " + string.Join("; ", problems));

            var plain = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(DeviceRig.BaseText + "flatpeak.device_id = garage-1\n", plain, out problem), problem);
            Assert.AreEqual(0, ConfigValidator.Warnings(plain).Length);
        }

        [TestMethod]
        public void The_new_prefix_key_gives_the_same_reference_ids_as_the_old_name()
        {
            var old = new DeviceRig("flatpeak.device_id = bay-9\n");
            var renamed = new DeviceRig("agent.id = bay-9\n");
            Assert.AreEqual(old.RecordId(7), renamed.RecordId(7));
            var both = new DeviceRig("agent.id = bay-9\nflatpeak.device_id = bay-9\n");
            Assert.AreEqual(old.RecordId(7), both.RecordId(7));
        }

        [TestMethod]
        [DataRow("", "agent.id: missing")]
        [DataRow("agent.id = bay-9\nflatpeak.device_id = bay-8\n", "agent.id: differs from flatpeak.device_id")]
        [DataRow("agent.id = bay-9\nflatpeak.device = garage-1\n", "flatpeak.device: must be a Flatpeak device id (dev_...)")]
        [DataRow("agent.id = bay-9\nflatpeak.device = dev_\n", "flatpeak.device: must be a Flatpeak device id")]
        [DataRow("agent.id = bay-9\nflatpeak.device = dev_1\nflatpeak.device_reference = bay-9\n", "flatpeak.device_reference: set it or flatpeak.device, not both")]
        public void A_bad_device_configuration_is_named(string lines, string expected)
        {
            var values = new ConfigValues();
            Assert.IsTrue(ConfigText.TryParse(DeviceRig.BaseText + lines, values, out string problem), problem);
            Assert.IsFalse(ConfigValidator.Validate(values, false, new AgentConfig(), out string[] problems));
            Assert.AreEqual(1, problems.Length, string.Join("; ", problems));
            StringAssert.StartsWith(problems[0], expected);
        }

        [TestMethod]
        public void A_configured_dev_id_goes_on_every_record()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device = dev_000000000000000000000001\n");
            rig.Endpoint.Devices.Create("acc_local_test", "bay-9", false, DateTimeOffset.UtcNow);
            rig.AddRecords(3);
            rig.Run(5_000);
            for (uint seq = 1; seq <= 3; seq++) Assert.AreEqual("dev_000000000000000000000001", rig.Stored(seq).DeviceId);
            Assert.AreEqual(0, rig.Count("POST /devices") + rig.Count("GET /devices"), "a configured id needs no registration");
            Assert.AreEqual("dev_000000000000000000000001", rig.Status.Delivery.FlatpeakDevice);
        }

        [TestMethod]
        public void A_device_the_endpoint_does_not_know_is_refused_in_the_error_shape_and_the_record_kept()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device = dev_65e6d8334c8d715963d99db3\n");
            rig.AddRecords(1);
            rig.Run(5_000);
            Assert.AreEqual(0, rig.Endpoint.Ledger.Count);
            Assert.AreEqual(1, rig.Status.Delivery.Quarantined, "kept, re-sendable once the configuration is fixed");
            StringAssert.Contains(rig.Status.Delivery.LastUploadError, "404");

            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.ValidBody.Replace(EndpointTestKit.KitDevice, "dev_65e6d8334c8d715963d99db3", StringComparison.Ordinal));
            Assert.AreEqual(404, r.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(r);
            Assert.AreEqual("error", doc.RootElement.GetProperty("object").GetString());
            Assert.AreEqual("invalid_request", doc.RootElement.GetProperty("type").GetString());
            Assert.AreEqual("resource_missing", doc.RootElement.GetProperty("code").GetString());
            Assert.AreEqual("device_id", doc.RootElement.GetProperty("param").GetString());
            Assert.AreEqual(0, endpoint.Ledger.Count);
        }

        [TestMethod]
        public void A_device_of_another_account_is_unknown()
        {
            var other = new EndpointAccount("acc_other", "sk_test_other");
            var endpoint = new FlatpeakEndpoint(new EndpointOptions { Accounts = new System.Collections.Generic.List<EndpointAccount> { EndpointAccount.LocalTest, other } });
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointDevice foreign = endpoint.Devices.Create(other.AccountId, "x", false, DateTimeOffset.UtcNow);
            EndpointResponse r = EndpointTestKit.PostInstant(endpoint, bearer, EndpointTestKit.ValidBody.Replace(EndpointTestKit.KitDevice, foreign.Id, StringComparison.Ordinal));
            Assert.AreEqual(404, r.StatusCode);
        }

        [TestMethod]
        public void With_a_device_reference_the_agent_registers_once_and_sends_the_id_from_then_on()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.Run(5_000);
            Assert.AreEqual(1, rig.Count("GET /devices?reference_id=bay-9-board"), "looked up first");
            Assert.AreEqual(1, rig.Count("POST /devices {\"reference_id\":\"bay-9-board\"}"));
            EndpointDevice device = rig.Endpoint.Devices.Find("acc_local_test", "bay-9-board", 10)[0];
            Assert.AreEqual(device.Id, rig.Status.Delivery.FlatpeakDevice);
            Assert.AreEqual("registered", rig.Status.Delivery.DeviceRegistration);

            rig.AddRecords(2);
            rig.Run(5_000);
            Assert.AreEqual(device.Id, rig.Stored(1).DeviceId);
            Assert.AreEqual(device.Id, rig.Stored(2).DeviceId);

            rig.Reboot();
            rig.AddRecords(1);
            rig.Run(5_000);
            Assert.AreEqual(device.Id, rig.Stored(3).DeviceId, "the id came back from flash");
            Assert.AreEqual(1, rig.Count("POST /devices") , "registered once");
            Assert.AreEqual(1, rig.Count("GET /devices"), "no lookup after a reboot either");
            Assert.AreEqual(1, rig.Endpoint.Devices.Count);
        }

        [TestMethod]
        public void Registration_never_delays_a_record_already_recorded()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.AddRecords(3);
            rig.Run(5_000);
            int firstDevices = rig.Transport.Log.FindIndex(l => l.Contains("/devices", StringComparison.Ordinal));
            int lastRecord = rig.Transport.Log.FindLastIndex(l => l.StartsWith("POST /costs/instant", StringComparison.Ordinal));
            Assert.IsTrue(firstDevices > lastRecord, "the backlog went first: " + string.Join(" | ", rig.Transport.Log));
            for (uint seq = 1; seq <= 3; seq++) Assert.IsNull(rig.Stored(seq).DeviceId, "sent before the device existed");

            rig.AddRecords(1);
            rig.Run(5_000);
            Assert.IsNotNull(rig.Stored(4).DeviceId, "the first record recorded after registering carries the id");
        }

        [TestMethod]
        public void A_lost_answer_to_the_lookup_is_looked_up_again()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.Transport.LoseNext = "GET /devices";
            rig.Run(60_000);
            Assert.AreEqual(2, rig.Count("GET /devices"), string.Join(" | ", rig.Transport.Log));
            Assert.AreEqual(1, rig.Count("POST /devices"));
            Assert.AreEqual(1, rig.Endpoint.Devices.Count);
        }

        [TestMethod]
        public void A_lost_answer_to_the_create_never_makes_a_second_device()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.Transport.LoseNext = "POST /devices";
            rig.Run(60_000);
            Assert.AreEqual(1, rig.Endpoint.Devices.Count, string.Join(" | ", rig.Transport.Log));
            Assert.AreEqual(1, rig.Count("POST /devices"));
            Assert.AreEqual(2, rig.Count("GET /devices"), "looked up again after the lost create, and adopted what it found");
            Assert.AreEqual(rig.Endpoint.Devices.Find("acc_local_test", "bay-9-board", 1)[0].Id, rig.Status.Delivery.FlatpeakDevice);
        }

        [TestMethod]
        public void A_registration_refused_after_a_fresh_login_waits_instead_of_logging_in_again_and_again()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.Transport.Forbid = "GET /devices";
            rig.Run(60_000);
            int logins = rig.Count("GET /login");
            Assert.IsTrue(logins <= 16, logins + " logins in a minute: " + string.Join(" | ", rig.Transport.Log.GetRange(0, Math.Min(12, rig.Transport.Log.Count))));
            StringAssert.Contains(rig.Status.Delivery.DeviceRegistration, "credentials refused (HTTP 403)");
            rig.AddRecords(1);
            rig.Run(5_000);
            Assert.AreEqual(1, rig.Endpoint.Ledger.Count, "records still go");
        }

        [TestMethod]
        public void A_failing_registration_backs_off_alone_and_records_still_go()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            // A registration that keeps failing: every answer lost.
            for (int i = 0; i < 20; i++)
            {
                rig.Transport.LoseNext = "GET /devices";
                rig.AddRecords(1);
                rig.Run(3_000);
            }

            Assert.AreEqual(20, rig.Endpoint.Ledger.Count, "every record delivered while registering failed");
        }

        [TestMethod]
        public void A_torn_device_file_reads_as_unregistered_and_the_lookup_adopts_the_device()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.Run(5_000);
            string id = rig.Status.Delivery.FlatpeakDevice;
            byte[] torn = Encoding.ASCII.GetBytes("bay-9-board " + id);
            rig.Files.Write(DeviceIdFile.FileName, torn, 0, torn.Length);
            rig.Files.Flush(DeviceIdFile.FileName);
            rig.Reboot();
            rig.Run(5_000);
            Assert.AreEqual(id, rig.Status.Delivery.FlatpeakDevice);
            Assert.AreEqual(1, rig.Endpoint.Devices.Count);
        }

        [TestMethod]
        public void The_console_status_names_the_device_and_the_registration()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.Run(5_000);
            var output = new LinesOutput();
            StatusReport.WriteFlatpeak(output, rig.Status);
            StringAssert.Contains(output.Text, "flatpeak device: dev_");
            StringAssert.Contains(output.Text, "device registration: registered");

            var plain = new DeviceRig("agent.id = bay-9\n");
            plain.Run(1_000);
            output = new LinesOutput();
            StatusReport.WriteFlatpeak(output, plain.Status);
            StringAssert.Contains(output.Text, "none (records are attributed to the location)");
        }

        [TestMethod]
        public void Every_request_asks_for_the_pinned_edition()
        {
            var rig = new DeviceRig("agent.id = bay-9\nflatpeak.device_reference = bay-9-board\n");
            rig.AddRecords(1);
            rig.Run(5_000);
            Assert.IsTrue(rig.Transport.Versions.Count >= 4);
            foreach (string version in rig.Transport.Versions) Assert.AreEqual("2025-09-14.anode", version);
        }

        [TestMethod]
        public void The_endpoint_refuses_another_edition_and_accepts_the_pinned_one_or_none()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointResponse Post(string version) => endpoint.Handle(new EndpointRequest
            {
                Method = "POST", PathAndQuery = "/costs/instant", Authorization = bearer, ContentType = "application/json",
                ApiVersion = version, Body = Encoding.UTF8.GetBytes(EndpointTestKit.ValidBody),
            });

            Assert.AreEqual(200, Post(null).StatusCode);
            Assert.AreEqual(200, Post("2025-09-14.anode").StatusCode);
            EndpointResponse refused = Post("2024-08-24.zero");
            Assert.AreEqual(400, refused.StatusCode);
            using JsonDocument doc = EndpointTestKit.Json(refused);
            Assert.AreEqual("version_invalid", doc.RootElement.GetProperty("code").GetString());
        }

        [TestMethod]
        public void The_endpoint_creates_and_lists_devices_by_reference()
        {
            var endpoint = new FlatpeakEndpoint();
            string bearer = EndpointTestKit.Login(endpoint);
            EndpointResponse created = endpoint.Handle(new EndpointRequest
            {
                Method = "POST", PathAndQuery = "/devices", Authorization = bearer, ContentType = "application/json",
                Body = Encoding.UTF8.GetBytes("{\"reference_id\":\"DEV1234567890\"}"),
            });
            Assert.AreEqual(201, created.StatusCode);
            using JsonDocument device = EndpointTestKit.Json(created);
            string id = device.RootElement.GetProperty("id").GetString();
            StringAssert.StartsWith(id, "dev_");
            Assert.AreEqual("device", device.RootElement.GetProperty("object").GetString());
            Assert.AreEqual("DEV1234567890", device.RootElement.GetProperty("reference_id").GetString());

            EndpointResponse list = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/devices?reference_id=DEV1234567890&limit=1", Authorization = bearer });
            Assert.AreEqual(200, list.StatusCode);
            using JsonDocument found = EndpointTestKit.Json(list);
            Assert.AreEqual("list", found.RootElement.GetProperty("object").GetString());
            Assert.AreEqual(id, found.RootElement.GetProperty("data")[0].GetProperty("id").GetString());

            EndpointResponse none = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/devices?reference_id=other", Authorization = bearer });
            using JsonDocument empty = EndpointTestKit.Json(none);
            Assert.AreEqual(0, empty.RootElement.GetProperty("data").GetArrayLength());

            EndpointResponse unauthenticated = endpoint.Handle(new EndpointRequest { Method = "GET", PathAndQuery = "/devices" });
            Assert.AreEqual(401, unauthenticated.StatusCode);
        }

        private sealed class LinesOutput : IConsoleOutput
        {
            private readonly StringBuilder text = new();

            public string Text => text.ToString();

            public void Write(string value) => text.Append(value);

            public void WriteLine(string line) => text.Append(line).Append('\n');
        }
    }
}
