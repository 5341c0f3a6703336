using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Watchdog
{
    /// <summary>
    /// A one-byte file, written just before a deliberate reboot, that tells the next boot why the
    /// last one ended. It is separate from the checkpoint on purpose: the watchdog writes it from
    /// its own thread while the main loop is stuck, possibly inside a checkpoint save, so it must not
    /// touch the checkpoint's files. At boot the note is taken (read and deleted) and its reason goes
    /// into <see cref="Checkpoint.LastRebootReason"/>; no note means power loss or a crash.
    /// </summary>
    public static class RebootNote
    {
        /// <summary>The note's file name.</summary>
        public const string FileName = "reboot.txt";

        private const byte Marker = (byte)'R';

        /// <summary>Writes the note durably (call right before rebooting).</summary>
        public static void Write(IFileStore files, byte reason)
        {
            if (files == null) throw new System.ArgumentNullException(nameof(files));
            byte[] bytes = { Marker, reason };
            files.Write(FileName, bytes, 0, bytes.Length);
            files.Flush(FileName);
        }

        /// <summary>Reads and deletes the note.</summary>
        /// <returns>The reason written before the last reboot, or <see cref="RebootReason.PowerLossOrUnknown"/> when there is no (valid) note.</returns>
        public static byte Take(IFileStore files)
        {
            if (files == null) throw new System.ArgumentNullException(nameof(files));
            if (!files.Exists(FileName)) return RebootReason.PowerLossOrUnknown;
            byte[] bytes = new byte[2];
            int read = files.Read(FileName, 0, bytes, 0, 2);
            files.Delete(FileName);
            return read == 2 && bytes[0] == Marker ? bytes[1] : RebootReason.PowerLossOrUnknown;
        }
    }
}
