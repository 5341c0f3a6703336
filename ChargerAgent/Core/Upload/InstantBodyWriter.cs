using System;
using ChargerAgent.Core.Json;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Builds the JSON body of <c>POST /costs/instant</c> for one record into one reused buffer,
    /// without reflection and without allocating per record. Field order is fixed:
    /// <c>location_id</c>, <c>device_id</c> (when configured or registered, from the
    /// record it was first known for), <c>session_reference_id</c> (records
    /// of a session), <c>record_reference_id</c>, <c>energy_flow_direction</c>,
    /// <c>tariff_direction</c> (when configured), <c>units</c> ("WH"), <c>value</c> (integer Wh),
    /// <c>start_time</c>, <c>end_time</c> (RFC 3339 UTC) and <c>confidence</c> (only when
    /// configured on and below 1).
    /// </summary>
    public sealed class InstantBodyWriter
    {
        private readonly byte[] prefix;
        private byte[] devicePart;
        private uint deviceFromSeq;
        private readonly byte[] directions;
        private readonly bool sendConfidence;
        private readonly string referenceDeviceId;
        private readonly ISessionReferenceIds sessionIds;

        private static readonly byte[] DeviceKey = JsonText.AsciiBytes("\"device_id\":\"");
        private static readonly byte[] SessionKey = JsonText.AsciiBytes("\"session_reference_id\":\"");
        private static readonly byte[] RecordKey = JsonText.AsciiBytes("\"record_reference_id\":\"");
        private static readonly byte[] ValueKey = JsonText.AsciiBytes("\"units\":\"WH\",\"value\":");
        private static readonly byte[] StartKey = JsonText.AsciiBytes(",\"start_time\":\"");
        private static readonly byte[] EndKey = JsonText.AsciiBytes("\",\"end_time\":\"");
        private static readonly byte[] ConfidenceKey = JsonText.AsciiBytes(",\"confidence\":0.");

        /// <summary>Creates a writer for validated <paramref name="options"/>; <paramref name="sessionIds"/> null derives session ids.</summary>
        public InstantBodyWriter(UploadOptions options, ISessionReferenceIds sessionIds)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            referenceDeviceId = options.ReferenceDeviceId;
            this.sessionIds = sessionIds;
            sendConfidence = options.SendConfidence;

            byte[] scratch = new byte[16 + 6 * options.LocationId.Length + 64];
            int p = JsonText.WriteAscii("{\"location_id\":\"", scratch, 0);
            p = JsonText.WriteEscaped(options.LocationId, scratch, p);
            p = JsonText.WriteAscii("\",", scratch, p);
            prefix = new byte[p];
            Array.Copy(scratch, prefix, p);
            if (options.FlatpeakDeviceId != null) UseDevice(options.FlatpeakDeviceId, 0);

            string d = string.Empty;
            if (options.EnergyFlowDirection != null) d += "\"energy_flow_direction\":\"" + options.EnergyFlowDirection + "\",";
            if (options.TariffDirection != null) d += "\"tariff_direction\":\"" + options.TariffDirection + "\",";
            directions = JsonText.AsciiBytes(d);

            Buffer = new byte[prefix.Length + DeviceKey.Length + ReferenceIds.MaxLength + 2 + SessionKey.Length + RecordKey.Length + 2 * ReferenceIds.MaxLength
                + directions.Length + ValueKey.Length + 10 + StartKey.Length + EndKey.Length + 2 * Rfc3339.Length
                + ConfidenceKey.Length + 8 + 8];
        }

        /// <summary>The Flatpeak device id sent from <see cref="DeviceFromSeq"/> on, or null.</summary>
        public string DeviceId { get; private set; }

        /// <summary>The first record Seq whose body carries <see cref="DeviceId"/>.</summary>
        public uint DeviceFromSeq
        {
            get { return deviceFromSeq; }
        }

        /// <summary>Sends <c>device_id</c> <paramref name="deviceId"/> in the body of every record from Seq <paramref name="fromSeq"/> on.</summary>
        public void UseDevice(string deviceId, uint fromSeq)
        {
            if (!Devices.DeviceRegistration.IsDeviceId(deviceId)) throw new ArgumentException("a dev_ id expected", nameof(deviceId));
            byte[] part = new byte[DeviceKey.Length + deviceId.Length + 2];
            int p = JsonText.WriteBytes(DeviceKey, part, 0);
            p = JsonText.WriteAscii(deviceId, part, p);
            part[p++] = (byte)'"';
            part[p] = (byte)',';
            devicePart = part;
            deviceFromSeq = fromSeq;
            DeviceId = deviceId;
        }

        /// <summary>The reused body buffer; the last <see cref="Write"/> fills its first <see cref="Length"/> bytes.</summary>
        public byte[] Buffer { get; }

        /// <summary>Bytes of the last body written.</summary>
        public int Length { get; private set; }

        /// <summary>
        /// Writes the body of <paramref name="record"/> with its UTC period
        /// <paramref name="startUnixSeconds"/>..<paramref name="endUnixSeconds"/> (already resolved from
        /// boot-relative time when needed) and ring <paramref name="generation"/>.
        /// </summary>
        /// <returns>The body length.</returns>
        /// <exception cref="ArgumentOutOfRangeException">The period is empty or outside 1970–9999.</exception>
        public int Write(ref Record record, long startUnixSeconds, long endUnixSeconds, uint generation)
        {
            if (endUnixSeconds <= startUnixSeconds) throw new ArgumentOutOfRangeException(nameof(endUnixSeconds));
            if (record.Seq == 0) throw new ArgumentOutOfRangeException(nameof(record));
            byte[] b = Buffer;
            int p = JsonText.WriteBytes(prefix, b, 0);
            if (devicePart != null && record.Seq >= deviceFromSeq) p = JsonText.WriteBytes(devicePart, b, p);
            if (record.Session != 0)
            {
                p = JsonText.WriteBytes(SessionKey, b, p);
                p += sessionIds == null
                    ? ReferenceIds.WriteSessionId(referenceDeviceId, generation, record.Session, b, p)
                    : sessionIds.Write(record.Session, b, p);
                b[p++] = (byte)'"';
                b[p++] = (byte)',';
            }

            p = JsonText.WriteBytes(RecordKey, b, p);
            p += ReferenceIds.WriteRecordId(referenceDeviceId, generation, record.Seq, b, p);
            b[p++] = (byte)'"';
            b[p++] = (byte)',';
            p = JsonText.WriteBytes(directions, b, p);
            p = JsonText.WriteBytes(ValueKey, b, p);
            p = JsonText.WriteUInt(record.Wh, b, p);
            p = JsonText.WriteBytes(StartKey, b, p);
            p += Rfc3339.Write(startUnixSeconds, b, p);
            p = JsonText.WriteBytes(EndKey, b, p);
            p += Rfc3339.Write(endUnixSeconds, b, p);
            b[p++] = (byte)'"';
            int percent = record.ConfidencePercent;
            if (sendConfidence && percent < 100)
            {
                if (percent < 10) percent = 10;
                p = JsonText.WriteBytes(ConfidenceKey, b, p);
                b[p++] = (byte)('0' + percent / 10);
                if (percent % 10 != 0) b[p++] = (byte)('0' + percent % 10);
            }

            b[p++] = (byte)'}';
            Length = p;
            return p;
        }
    }
}
