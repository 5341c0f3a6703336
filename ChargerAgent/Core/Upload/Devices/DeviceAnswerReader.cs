using System.Text;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Core.Upload.Devices
{
    /// <summary>
    /// Reads the device id out of a <c>POST /devices</c> answer (a device object: <c>id</c>,
    /// <c>reference_id</c>) or a <c>GET /devices?reference_id=…</c> answer (a list: <c>data[].id</c>,
    /// <c>data[].reference_id</c>), keeping only an id whose reference is the one asked for.
    /// </summary>
    public sealed class DeviceAnswerReader : IJsonVisitor
    {
        private readonly JsonScanner scanner = new JsonScanner();
        private readonly byte[] id = new byte[Records.ReferenceIds.MaxLength];
        private readonly byte[][] itemIds = new byte[ListItems][];
        private readonly int[] itemIdLengths = new int[ListItems];
        private readonly bool[] itemMatches = new bool[ListItems];
        private string reference;
        private bool list;
        private int idLength;
        private bool referenceMatches;

        private const int ListItems = 4;

        /// <summary>A reader.</summary>
        public DeviceAnswerReader()
        {
            for (int i = 0; i < ListItems; i++) itemIds[i] = new byte[Records.ReferenceIds.MaxLength];
        }

        /// <summary>Why the last read failed, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>The device id found by the last read, or null.</summary>
        public string DeviceId { get; private set; }

        /// <summary>Reads a device object; true with <see cref="DeviceId"/> when it is the device of <paramref name="referenceId"/>.</summary>
        public bool TryReadCreated(HttpResponse response, string referenceId)
        {
            Begin(referenceId, false);
            if (!Scan(response)) return false;
            if (idLength == 0) return Fail("the answer has no device id");
            if (!referenceMatches) return Fail("the answer is for another reference_id");
            return Found(id, idLength);
        }

        /// <summary>Reads a device list; true when it was read. <see cref="DeviceId"/> is the device of <paramref name="referenceId"/>, or null when the list has none.</summary>
        public bool TryReadList(HttpResponse response, string referenceId)
        {
            Begin(referenceId, true);
            if (!Scan(response)) return false;
            for (int i = 0; i < ListItems; i++)
            {
                if (itemMatches[i] && itemIdLengths[i] > 0) return Found(itemIds[i], itemIdLengths[i]);
            }

            return true;
        }

        /// <inheritdoc />
        public void OnScalar(JsonScanner s, JsonKind kind, int start, int length)
        {
            if (kind != JsonKind.String) return;
            if (!list && s.Depth == 1)
            {
                if (s.KeyIs(0, "id")) idLength = Copy(s, start, length, id);
                else if (s.KeyIs(0, "reference_id")) referenceMatches = s.StringEquals(start, length, reference);
                return;
            }

            if (list && s.Depth == 3 && s.KeyIs(0, "data") && s.IsArrayItemAt(1))
            {
                int item = s.IndexAt(1);
                if (item >= ListItems) return;
                if (s.KeyIs(2, "id")) itemIdLengths[item] = Copy(s, start, length, itemIds[item]);
                else if (s.KeyIs(2, "reference_id")) itemMatches[item] = s.StringEquals(start, length, reference);
            }
        }

        private void Begin(string referenceId, bool readList)
        {
            reference = referenceId;
            list = readList;
            idLength = 0;
            referenceMatches = false;
            DeviceId = null;
            Problem = null;
            for (int i = 0; i < ListItems; i++)
            {
                itemIdLengths[i] = 0;
                itemMatches[i] = false;
            }
        }

        private bool Scan(HttpResponse response)
        {
            if (response.BodyTruncated) return Fail("the answer is longer than the buffer");
            if (!scanner.Scan(response.Body, 0, response.BodyLength, this)) return Fail(scanner.Error);
            return true;
        }

        private static int Copy(JsonScanner s, int start, int length, byte[] into)
        {
            int n = s.CopyString(start, length, into, 0, into.Length);
            return n < 0 ? 0 : n;
        }

        private bool Found(byte[] bytes, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (bytes[i] < 0x21 || bytes[i] > 0x7E) return Fail("the device id has characters an id cannot carry");
            }

            string text = Encoding.UTF8.GetString(bytes, 0, length);
            if (!DeviceRegistration.IsDeviceId(text)) return Fail("the device id does not start with dev_");
            DeviceId = text;
            return true;
        }

        private bool Fail(string reason)
        {
            Problem = reason;
            DeviceId = null;
            return false;
        }
    }
}
