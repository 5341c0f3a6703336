using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Upload.Devices
{
    /// <summary>
    /// Registers this board once as a Flatpeak device under its configured reference id and keeps
    /// the returned <c>dev_…</c> id on flash (<see cref="DeviceIdFile"/>).
    /// </summary>
    /// <remarks>
    /// Every attempt first asks <c>GET /devices?reference_id=…</c> and adopts the device found;
    /// only when the list has none does it send <c>POST /devices</c>, and after any failure of that
    /// create (a lost answer may have created the device) the next attempt looks up again, so a
    /// board never makes a second device. Its retries keep their own backoff: a failure here never
    /// slows record delivery, and the uploader asks for a registration only when no record is
    /// ready to go. A refusal (4xx) stops it until <see cref="RetryNow"/>; records go on meanwhile,
    /// without <c>device_id</c>.
    /// </remarks>
    public sealed class DeviceRegistration
    {
        /// <summary>How every Flatpeak device id begins.</summary>
        public const string Prefix = "dev_";

        private const byte StepLookup = 1;
        private const byte StepCreate = 2;

        private readonly string referenceId;
        private readonly DeviceIdFile file;
        private readonly Backoff backoff;
        private readonly int slowRetryMs;
        private readonly DeviceAnswerReader reader = new DeviceAnswerReader();
        private readonly byte[] createBody;
        private byte next = StepLookup;
        private long notBeforeMs;
        private bool refused;
        private bool reloginTried;

        /// <summary>A registration of <paramref name="referenceId"/>, kept in <paramref name="files"/>.</summary>
        public DeviceRegistration(string referenceId, IFileStore files, UploadOptions options)
        {
            if (!ReferenceIds.IsValidDeviceId(referenceId)) throw new ArgumentException("reference id must be letters, digits, '-' or '_'", nameof(referenceId));
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (options == null) throw new ArgumentNullException(nameof(options));
            this.referenceId = referenceId;
            file = new DeviceIdFile(files);
            backoff = new Backoff(options.BackoffBaseMs, options.BackoffCapMs, options.RandomSeed + 7);
            slowRetryMs = options.SlowRetryMs;
            createBody = JsonText.AsciiBytes("{\"reference_id\":\"" + referenceId + "\"}");
            State = "not registered yet";
        }

        /// <summary>True when <paramref name="id"/> looks like a Flatpeak device id: <c>dev_</c> and id characters.</summary>
        public static bool IsDeviceId(string id)
        {
            if (id == null || id.Length <= Prefix.Length || id.Length > ReferenceIds.MaxLength || !id.StartsWith(Prefix)) return false;
            for (int i = 0; i < id.Length; i++)
            {
                if (!ReferenceIds.IsIdChar(id[i])) return false;
            }

            return true;
        }

        /// <summary>The reference id registered under.</summary>
        public string ReferenceId
        {
            get { return referenceId; }
        }

        /// <summary>The Flatpeak device id, or null until registered.</summary>
        public string DeviceId { get; private set; }

        /// <summary>The first record Seq sent with <see cref="DeviceId"/>.</summary>
        public uint FromSeq { get; private set; }

        /// <summary>What the registration is doing, for people.</summary>
        public string State { get; private set; }

        /// <summary>Requests sent so far (lookups and creates).</summary>
        public int Requests { get; private set; }

        /// <summary>Creates sent so far.</summary>
        public int Creates { get; private set; }

        /// <summary>Reads the stored registration; true when this board is registered under the configured reference.</summary>
        public bool Load()
        {
            if (file.Load() && file.ReferenceId == referenceId)
            {
                DeviceId = file.DeviceId;
                FromSeq = file.FromSeq;
                State = "registered";
                return true;
            }

            return false;
        }

        /// <summary>True when a registration request should start now.</summary>
        public bool IsDue(long nowMs)
        {
            return DeviceId == null && !refused && nowMs >= notBeforeMs;
        }

        /// <summary>Ends a wait or a refusal (the console's "upload now").</summary>
        public void RetryNow(long nowMs)
        {
            refused = false;
            notBeforeMs = nowMs;
            backoff.Reset();
        }

        /// <summary>Fills <paramref name="request"/> with the next registration request.</summary>
        public void Prepare(HttpRequest request, FlatpeakClient client)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (client == null) throw new ArgumentNullException(nameof(client));
            Requests++;
            if (next == StepCreate)
            {
                Creates++;
                client.PrepareApi(request, "POST", "/devices", createBody, createBody.Length);
                State = "registering (POST /devices)";
            }
            else
            {
                client.PrepareApi(request, "GET", "/devices?reference_id=" + referenceId + "&limit=1", null, 0);
                State = "registering (looking the reference up)";
            }
        }

        /// <summary>Takes the answer of the request <see cref="Prepare"/> filled; true when the board is registered now.</summary>
        /// <param name="response">The answer.</param>
        /// <param name="action">What the retry policy makes of it.</param>
        /// <param name="fromSeq">The first record Seq that will carry the device id (every record below may already have gone without it).</param>
        /// <param name="nowMs">Monotonic now.</param>
        public bool Finish(HttpResponse response, RetryAction action, uint fromSeq, long nowMs)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            byte step = next;
            next = StepLookup;
            if (action != RetryAction.Relogin) reloginTried = false;
            switch (action)
            {
                case RetryAction.Sent:
                    bool read = step == StepCreate ? reader.TryReadCreated(response, referenceId) : reader.TryReadList(response, referenceId);
                    if (!read)
                    {
                        Wait("answer unreadable: " + reader.Problem, nowMs + backoff.Next());
                        return false;
                    }

                    if (reader.DeviceId == null)
                    {
                        // The lookup found no device for this reference: create it next, at once.
                        next = StepCreate;
                        notBeforeMs = nowMs;
                        return false;
                    }

                    file.Save(referenceId, reader.DeviceId, fromSeq);
                    DeviceId = file.DeviceId;
                    FromSeq = file.FromSeq;
                    backoff.Reset();
                    State = "registered";
                    return true;

                case RetryAction.Relogin:
                    // Once at once with a fresh token; a second refusal in a row waits like any failure.
                    if (reloginTried) Wait("credentials refused (HTTP " + response.StatusCode + ")", nowMs + backoff.Next());
                    else notBeforeMs = nowMs;
                    reloginTried = !reloginTried;
                    return false;

                case RetryAction.Quarantine:
                    refused = true;
                    State = "not registered: refused (HTTP " + response.StatusCode + "); records go without device_id";
                    return false;

                case RetryAction.SlowRetry:
                    Wait("HTTP " + response.StatusCode, nowMs + slowRetryMs);
                    return false;

                default:
                    Wait(response.Outcome == HttpOutcome.Completed ? "HTTP " + response.StatusCode : "no answer", nowMs + backoff.Next());
                    return false;
            }
        }

        private void Wait(string why, long untilMs)
        {
            notBeforeMs = untilMs;
            State = "not registered yet: " + why + ", retrying";
        }
    }
}
