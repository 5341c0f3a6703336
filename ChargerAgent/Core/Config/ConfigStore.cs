using System.Text;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Core.Config
{
    /// <summary>Loads and saves <c>config.txt</c> through the file store.</summary>
    public sealed class ConfigStore
    {
        /// <summary>The configuration file's name in the file store.</summary>
        public const string FileName = "config.txt";

        private readonly IFileStore _files;

        /// <summary>Creates the store over <paramref name="files"/>.</summary>
        public ConfigStore(IFileStore files)
        {
            if (files == null) throw new System.ArgumentNullException(nameof(files));
            _files = files;
        }

        /// <summary>Reads and parses the file into <paramref name="into"/> (cleared first).</summary>
        /// <returns>False with <paramref name="problem"/> when the file is missing, too large or not valid text; true for a well-formed file (whole-configuration rules are <see cref="ConfigValidator"/>'s).</returns>
        public bool TryLoad(ConfigValues into, out string problem)
        {
            if (into == null) throw new System.ArgumentNullException(nameof(into));
            into.Clear();
            long length = _files.Length(FileName);
            if (length < 0)
            {
                problem = "no configuration: " + FileName + " is missing";
                return false;
            }

            if (length > ConfigText.MaxFileBytes)
            {
                problem = FileName + ": larger than " + ConfigText.MaxFileBytes.ToString() + " bytes";
                return false;
            }

            byte[] bytes = new byte[(int)length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = _files.Read(FileName, read, bytes, read, bytes.Length - read);
                if (n <= 0) break;
                read += n;
            }

            string text;
            try
            {
                text = Encoding.UTF8.GetString(bytes, 0, read);
            }
            catch (System.Exception)
            {
                problem = FileName + ": not valid UTF-8 text";
                return false;
            }

            string parseProblem;
            if (!ConfigText.TryParse(text, into, out parseProblem))
            {
                problem = FileName + " " + parseProblem;
                return false;
            }

            problem = null;
            return true;
        }

        /// <summary>Replaces the file with <paramref name="values"/> and makes it durable.</summary>
        public void Save(ConfigValues values)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(ConfigText.Format(values));
            if (bytes.Length > ConfigText.MaxFileBytes) throw new System.IO.IOException(FileName + " would exceed " + ConfigText.MaxFileBytes.ToString() + " bytes");
            _files.Write(FileName, bytes, 0, bytes.Length);
            _files.Flush(FileName);
        }
    }
}
