namespace ChargerAgent.Core.Storage
{
    /// <summary>
    /// A small flat file store: a handful of files in one directory, written by appending.
    /// On the device it is the internal LittleFS drive, which is copy-on-write: appending is cheap,
    /// rewriting the middle of a file copies its blocks from there on, and every flush commits a
    /// metadata entry. Names are short ASCII (letters, digits, '.', '-', '_').
    /// Every call completes or throws <see cref="System.IO.IOException"/>; none waits on anything
    /// but the flash itself.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>The names of all files, in no particular order.</summary>
        string[] List();

        /// <summary>True when the file exists.</summary>
        bool Exists(string name);

        /// <summary>The file's length in bytes, or -1 when it does not exist.</summary>
        long Length(string name);

        /// <summary>Appends bytes to the end of the file, creating it if missing. Durable only after <see cref="Flush"/>.</summary>
        void Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/>; returns the bytes read (0 at the end).</summary>
        int Read(string name, long position, byte[] buffer, int offset, int count);

        /// <summary>Replaces the whole content of a small file (created if missing). Durable only after <see cref="Flush"/>.</summary>
        void Write(string name, byte[] buffer, int offset, int count);

        /// <summary>Makes everything written to the file so far durable (one file-system sync).</summary>
        void Flush(string name);

        /// <summary>Deletes the file; nothing happens when it does not exist.</summary>
        void Delete(string name);
    }
}
