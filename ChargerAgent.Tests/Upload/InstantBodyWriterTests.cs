using System;
using System.Text;
using ChargerAgent.Core.Json;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Upload;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    [TestClass]
    public class InstantBodyWriterTests
    {
        private static Record Sample()
        {
            return new Record { Seq = 7, SeqCount = 1, Start = 1643711400, DurationSeconds = 1800, Wh = 10284, Session = 3, ConfidencePercent = 100 };
        }

        private static string Build(UploadOptions options, Record record)
        {
            InstantBodyWriter writer = new InstantBodyWriter(options, null);
            int n = writer.Write(ref record, record.Start, record.End, 0x1234abcd);
            Assert.AreEqual(n, writer.Length);
            return Encoding.UTF8.GetString(writer.Buffer, 0, n);
        }

        [TestMethod]
        public void A_session_record_gives_exactly_the_documented_body()
        {
            Assert.AreEqual(
                "{\"location_id\":\"loc_641b90b758fb8e6293716e40\",\"session_reference_id\":\"chg-0001-1234abcd-s3\","
                + "\"record_reference_id\":\"chg-0001-1234abcd-r7\",\"energy_flow_direction\":\"INBOUND\",\"tariff_direction\":\"IMPORT\","
                + "\"units\":\"WH\",\"value\":10284,\"start_time\":\"2022-02-01T10:30:00Z\",\"end_time\":\"2022-02-01T11:00:00Z\"}",
                Build(UploadRig.NewOptions(), Sample()));
        }

        [TestMethod]
        public void Device_id_directions_and_confidence_follow_the_configuration()
        {
            UploadOptions options = UploadRig.NewOptions();
            options.FlatpeakDeviceId = "dev_65e6d8334c8d715963d99db3";
            options.EnergyFlowDirection = null;
            options.TariffDirection = "EXPORT";
            options.SendConfidence = true;
            Record r = Sample();
            r.Session = 0;
            r.ConfidencePercent = 85;
            Assert.AreEqual(
                "{\"location_id\":\"loc_641b90b758fb8e6293716e40\",\"device_id\":\"dev_65e6d8334c8d715963d99db3\","
                + "\"record_reference_id\":\"chg-0001-1234abcd-r7\",\"tariff_direction\":\"EXPORT\","
                + "\"units\":\"WH\",\"value\":10284,\"start_time\":\"2022-02-01T10:30:00Z\",\"end_time\":\"2022-02-01T11:00:00Z\",\"confidence\":0.85}",
                Build(options, r));
        }

        [DataRow(100, false, "")]
        [DataRow(50, false, "")]
        [DataRow(50, true, ",\"confidence\":0.5}")]
        [DataRow(10, true, ",\"confidence\":0.1}")]
        [DataRow(100, true, "")]
        public void Confidence_is_sent_only_when_configured_and_below_one(int percent, bool send, string tail)
        {
            UploadOptions options = UploadRig.NewOptions();
            options.SendConfidence = send;
            Record r = Sample();
            r.ConfidencePercent = (byte)percent;
            string body = Build(options, r);
            if (tail.Length == 0) Assert.IsTrue(body.IndexOf("confidence") < 0, body);
            else Assert.IsTrue(body.EndsWith(tail), body);
        }

        [TestMethod]
        public void Quotes_and_backslashes_in_configured_ids_are_escaped()
        {
            UploadOptions options = UploadRig.NewOptions();
            options.LocationId = "loc\"a\\b";
            string body = Build(options, Sample());
            Assert.IsTrue(body.StartsWith("{\"location_id\":\"loc\\\"a\\\\b\","), body);
        }

        [TestMethod]
        public void Escaping_covers_control_characters_and_non_ascii()
        {
            byte[] buffer = new byte[64];
            int n = JsonText.WriteEscaped("a\nb\u0001\u00e9\u20ac", buffer, 0);
            Assert.AreEqual("a\\nb\\u0001\u00e9\u20ac", Encoding.UTF8.GetString(buffer, 0, n));
        }

        [TestMethod]
        public void The_same_buffer_is_reused_and_the_largest_values_fit()
        {
            UploadOptions options = UploadRig.NewOptions();
            options.FlatpeakDeviceId = "dev_65e6d8334c8d715963d99db3";
            options.SendConfidence = true;
            InstantBodyWriter writer = new InstantBodyWriter(options, null);
            byte[] first = writer.Buffer;
            Record r = Sample();
            r.Seq = uint.MaxValue;
            r.Session = uint.MaxValue;
            r.Wh = uint.MaxValue;
            r.ConfidencePercent = 99;
            int n = writer.Write(ref r, 253402300799 - 1800, 253402300799, uint.MaxValue);
            Assert.AreSame(first, writer.Buffer);
            Assert.IsTrue(n <= writer.Buffer.Length);
            Assert.IsTrue(Encoding.UTF8.GetString(writer.Buffer, 0, n).IndexOf("\"value\":4294967295,") > 0);
        }

        [TestMethod]
        public void An_empty_period_is_refused()
        {
            InstantBodyWriter writer = new InstantBodyWriter(UploadRig.NewOptions(), null);
            Record r = Sample();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.Write(ref r, 100, 100, 1));
        }
    }
}
