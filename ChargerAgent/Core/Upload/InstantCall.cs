using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// <c>POST /costs/instant</c> for one record: writes its body (<see cref="InstantBodyWriter"/>)
    /// and reads the answer, which counts as an acknowledgement only when it is a meter record and
    /// does not echo another record's reference id. The answer's cost and currency are then on
    /// <see cref="Answer"/>.
    /// </summary>
    public sealed class InstantCall
    {
        private readonly FlatpeakClient client;
        private readonly ResponseReader reader;
        private readonly InstantBodyWriter body;
        private readonly string url;
        private readonly string referenceDeviceId;
        private readonly byte[] idScratch = new byte[ReferenceIds.MaxLength];

        /// <summary>Creates the call for validated <paramref name="options"/>; answers are read with <paramref name="reader"/>.</summary>
        public InstantCall(UploadOptions options, FlatpeakClient client, ResponseReader reader, ISessionReferenceIds sessionIds)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            this.client = client;
            this.reader = reader;
            body = new InstantBodyWriter(options, sessionIds);
            url = options.BaseUrl + "/costs/instant" + (options.NonPersistent ? "?non_persistent=true" : string.Empty);
            referenceDeviceId = options.ReferenceDeviceId;
        }

        /// <summary>The body writer (it knows the Flatpeak device id the bodies carry).</summary>
        public InstantBodyWriter Body
        {
            get { return body; }
        }

        /// <summary>The last answer read: cost, currency, whether the acknowledgement was verified, or the problem.</summary>
        public ResponseReader Answer
        {
            get { return reader; }
        }

        /// <summary>Writes the body of <paramref name="record"/> (UTC period already resolved) and fills <paramref name="request"/> with it.</summary>
        /// <exception cref="InvalidOperationException">No token is held.</exception>
        public void Prepare(HttpRequest request, ref Record record, long startUnixSeconds, long endUnixSeconds, uint generation)
        {
            body.Write(ref record, startUnixSeconds, endUnixSeconds, generation);
            client.PrepareBearer(request, "POST", url, body.Buffer, body.Length);
        }

        /// <summary>Reads a 2xx answer for record <paramref name="seq"/> of ring <paramref name="generation"/>; true when it acknowledges that record.</summary>
        public bool TryRead(HttpResponse response, uint seq, uint generation)
        {
            int idLength = ReferenceIds.WriteRecordId(referenceDeviceId, generation, seq, idScratch, 0);
            return reader.TryReadInstant(response, idScratch, idLength);
        }
    }
}
