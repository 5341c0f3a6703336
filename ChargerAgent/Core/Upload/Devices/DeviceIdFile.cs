using System;
using System.Text;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload.Devices
{
    /// <summary>
    /// The Flatpeak device id this board registered as, kept on flash so it is registered once.
    /// </summary>
    /// <remarks>
    /// File <see cref="FileName"/>, one ASCII line written once: the reference id, a space, the
    /// <c>dev_…</c> id, a space, the first record Seq that carries it, <c>\n</c>. A line cut by a
    /// power cut has no <c>\n</c> and reads as no registration: the next registration looks the
    /// reference up before it creates anything, so a torn file never makes a second device.
    /// </remarks>
    public sealed class DeviceIdFile
    {
        /// <summary>Name of the file in the file store.</summary>
        public const string FileName = "device.txt";

        /// <summary>Longest line accepted.</summary>
        public const int MaxBytes = 2 * ReferenceIds.MaxLength + 16;

        private readonly IFileStore files;

        /// <summary>A file in <paramref name="files"/>.</summary>
        public DeviceIdFile(IFileStore files)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            this.files = files;
        }

        /// <summary>The reference id of the stored registration, or null.</summary>
        public string ReferenceId { get; private set; }

        /// <summary>The stored Flatpeak device id, or null.</summary>
        public string DeviceId { get; private set; }

        /// <summary>The first record Seq sent with <see cref="DeviceId"/> (records below were sent without it).</summary>
        public uint FromSeq { get; private set; }

        /// <summary>Reads the file; true when it holds a whole registration.</summary>
        public bool Load()
        {
            ReferenceId = null;
            DeviceId = null;
            FromSeq = 0;
            long length = files.Length(FileName);
            if (length <= 0 || length > MaxBytes) return false;
            byte[] bytes = new byte[(int)length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = files.Read(FileName, read, bytes, read, bytes.Length - read);
                if (n <= 0) break;
                read += n;
            }

            if (read == 0 || bytes[read - 1] != (byte)'\n') return false;
            for (int i = 0; i < read - 1; i++)
            {
                if (bytes[i] < 0x20 || bytes[i] > 0x7E) return false;
            }

            string line = Encoding.UTF8.GetString(bytes, 0, read - 1);
            int first = line.IndexOf(' ');
            int second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
            if (first <= 0 || second <= first + 1 || second == line.Length - 1) return false;
            string reference = line.Substring(0, first);
            string device = line.Substring(first + 1, second - first - 1);
            if (!TryParseSeq(line.Substring(second + 1), out uint fromSeq)) return false;
            if (!DeviceRegistration.IsDeviceId(device)) return false;
            ReferenceId = reference;
            DeviceId = device;
            FromSeq = fromSeq;
            return true;
        }

        /// <summary>Writes the registration and makes it durable.</summary>
        public void Save(string referenceId, string deviceId, uint fromSeq)
        {
            if (!ReferenceIds.IsValidDeviceId(referenceId)) throw new ArgumentException("reference id expected", nameof(referenceId));
            if (!DeviceRegistration.IsDeviceId(deviceId)) throw new ArgumentException("dev_ id expected", nameof(deviceId));
            byte[] bytes = Encoding.UTF8.GetBytes(referenceId + " " + deviceId + " " + fromSeq.ToString() + "\n");
            files.Write(FileName, bytes, 0, bytes.Length);
            files.Flush(FileName);
            ReferenceId = referenceId;
            DeviceId = deviceId;
            FromSeq = fromSeq;
        }

        private static bool TryParseSeq(string text, out uint value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 10) return false;
            ulong v = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (uint)(c - '0');
            }

            if (v > uint.MaxValue) return false;
            value = (uint)v;
            return true;
        }
    }
}
