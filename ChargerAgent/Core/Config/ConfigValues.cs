using System.Collections;

namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// The values set for configuration keys (canonical form, each already checked on its own), as
    /// read from <c>config.txt</c> or typed on the console. Keys not set read as their default.
    /// Whole-configuration rules are checked by <see cref="ConfigValidator"/>.
    /// </summary>
    public sealed class ConfigValues
    {
        private readonly Hashtable _values = new Hashtable();

        /// <summary>Number of keys set explicitly.</summary>
        public int Count => _values.Count;

        /// <summary>Sets a key after checking its value on its own.</summary>
        /// <returns>False with <paramref name="problem"/> ("key: reason") for an unknown key or a bad value; nothing changes then.</returns>
        public bool TrySet(string name, string value, out string problem)
        {
            ConfigKey key = ConfigSchema.Find(name);
            if (key == null)
            {
                problem = "unknown key '" + PrintableKey(name) + "' (config show lists the keys)";
                return false;
            }

            string normalized;
            if (!ConfigValueCheck.TryNormalize(key, value, out normalized, out problem)) return false;
            // Remove, then Add: set by index, nanoFramework's native Hashtable can hold the key twice
            // once another key was unset (guard rule NF1012).
            _values.Remove(key.Name);
            _values.Add(key.Name, normalized);
            return true;
        }

        /// <summary>Removes an explicit value so the key reads as its default again.</summary>
        public void Unset(string name)
        {
            ConfigKey key = ConfigSchema.Find(name);
            if (key != null) _values.Remove(key.Name);
        }

        /// <summary>True when the key has an explicit value.</summary>
        public bool IsSet(string name)
        {
            ConfigKey key = ConfigSchema.Find(name);
            return key != null && _values.Contains(key.Name);
        }

        /// <summary>The explicit value, else the default, else null.</summary>
        public string Get(string name)
        {
            ConfigKey key = ConfigSchema.Find(name);
            if (key == null) return null;
            // Contains first: the device's Hashtable indexer is native, so do not rely on it returning null.
            return _values.Contains(key.Name) ? (string)_values[key.Name] : key.DefaultValue;
        }

        /// <summary>Removes every explicit value.</summary>
        public void Clear()
        {
            _values.Clear();
        }

        /// <summary>Copies every explicit value from <paramref name="other"/> (after clearing this one).</summary>
        public void CopyFrom(ConfigValues other)
        {
            if (other == null) throw new System.ArgumentNullException(nameof(other));
            _values.Clear();
            foreach (DictionaryEntry entry in other._values)
            {
                _values.Remove(entry.Key);
                _values.Add(entry.Key, entry.Value);
            }
        }

        /// <summary>The value as <c>config show</c> prints it: secrets as stars, unset keys as "(not set)".</summary>
        public string Display(string name)
        {
            ConfigKey key = ConfigSchema.Find(name);
            if (key == null) return null;
            string value = Get(name);
            if (value == null) return "(not set)";
            if (key.Secret) return value.Length == 0 ? "(empty)" : "********";
            return value;
        }

        /// <summary>The key as typed when it looks like a key, else a placeholder (a mistyped line may hold a secret).</summary>
        public static string PrintableKey(string name)
        {
            if (name == null || name.Length == 0) return "(empty)";
            if (name.Length > 40) return "(too long)";
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
                if (!ok) return "(not a key name)";
            }

            return name;
        }
    }
}
