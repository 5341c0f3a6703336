using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// <see cref="IFileStore"/> over the ESP32's internal LittleFS drive (<c>I:\</c>), in a folder of
    /// its own so the agent's files never mix with the device's network configuration and CA bundle
    /// kept on the same partition. (<c>I:\</c> is the internal flash drive, and directories work on it:
    /// System.IO.FileSystem.UnitTests/FileSystemUnitTestsBase.cs roots its tests, DirectoryUnitTests'
    /// CreateDirectory included, at <c>I:\</c>, "internal flash".)
    /// One file at a time is kept open (the one last appended to or written); <see cref="Flush"/>
    /// closes it, because LittleFS commits a file on close "as though sync had been called"
    /// (littlefs lfs.h, lfs_file_close), which does not depend on how the driver maps
    /// FileStream.Flush. Opening a second stream on an open file would fail the share check
    /// (System.IO.FileSystem/FileStream.cs, RegisterShareInformation), so every call on the open
    /// file goes through that one stream. Not thread-safe: give each thread its own instance
    /// (the watchdog does), and never two instances the same file.
    /// </summary>
    public sealed class Esp32FileStore : IFileStore
    {
        /// <summary>The agent's folder on the internal drive.</summary>
        public const string DefaultFolder = "I:\\agent";

        private readonly string _folder;
        private string _openName;
        private FileStream _open;

        /// <summary>Opens the store in <paramref name="folder"/>, creating the folder when missing.</summary>
        public Esp32FileStore(string folder)
        {
            if (folder == null || folder.Length == 0) throw new System.ArgumentNullException(nameof(folder));
            _folder = folder;
            if (!Directory.Exists(folder)) Directory.CreateDirectory(folder);
        }

        /// <inheritdoc />
        public string[] List()
        {
            // Directory.GetFiles(path) has no pattern overload on nanoFramework and returns full paths
            // (System.IO.FileSystem/Directory.cs, GetFiles).
            string[] paths = Directory.GetFiles(_folder);
            string[] names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++) names[i] = Path.GetFileName(paths[i]);
            return names;
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            if (IsOpen(name)) return true;
            return File.Exists(PathOf(name));
        }

        /// <inheritdoc />
        public long Length(string name)
        {
            if (IsOpen(name)) return _open.Length;
            string path = PathOf(name);
            if (!File.Exists(path)) return -1;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return stream.Length;
            }
        }

        /// <inheritdoc />
        public void Append(string name, byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            FileStream stream = OpenForWriting(name, false);
            stream.Seek(0, SeekOrigin.End);
            stream.Write(buffer, offset, count);
        }

        /// <inheritdoc />
        public int Read(string name, long position, byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (position < 0) throw new System.ArgumentOutOfRangeException(nameof(position));
            if (IsOpen(name)) return ReadFrom(_open, position, buffer, offset, count);

            string path = PathOf(name);
            if (!File.Exists(path)) throw new IOException(name + " does not exist");
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return ReadFrom(stream, position, buffer, offset, count);
            }
        }

        /// <inheritdoc />
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            FileStream stream = OpenForWriting(name, true);
            stream.Write(buffer, offset, count);
        }

        /// <inheritdoc />
        public void Flush(string name)
        {
            if (!IsOpen(name)) return;

            // Closed files are already committed: closing is the sync (see the class remarks).
            CloseOpen();
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            if (IsOpen(name)) CloseOpen();
            string path = PathOf(name);
            if (File.Exists(path)) File.Delete(path);
        }

        private FileStream OpenForWriting(string name, bool truncate)
        {
            if (IsOpen(name))
            {
                if (!truncate) return _open;
                CloseOpen();
            }
            else if (_open != null)
            {
                CloseOpen();
            }

            _open = new FileStream(PathOf(name), truncate ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.ReadWrite);
            _openName = name;
            return _open;
        }

        private static int ReadFrom(FileStream stream, long position, byte[] buffer, int offset, int count)
        {
            if (position >= stream.Length) return 0;
            stream.Seek(position, SeekOrigin.Begin);
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, offset + total, count - total);
                if (n <= 0) break;
                total += n;
            }

            return total;
        }

        private void CloseOpen()
        {
            FileStream stream = _open;
            _open = null;
            _openName = null;
            if (stream != null) stream.Dispose();
        }

        private bool IsOpen(string name)
        {
            return _open != null && _openName == name;
        }

        private string PathOf(string name)
        {
            if (name == null || name.Length == 0 || name.Length > 32) throw new System.ArgumentException("bad file name", nameof(name));
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
                if (!ok) throw new System.ArgumentException("bad file name", nameof(name));
            }

            return _folder + "\\" + name;
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new System.ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset > buffer.Length - count) throw new System.ArgumentOutOfRangeException(nameof(count));
        }
    }
}
