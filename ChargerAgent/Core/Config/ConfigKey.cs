namespace ChargerAgent.Core.Config
{
    /// <summary>One configuration key: its name, the values it takes, its default and whether it is a secret.</summary>
    public sealed class ConfigKey
    {
        /// <summary>Creates a key definition.</summary>
        public ConfigKey(string name, ConfigValueKind kind, string defaultValue, bool secret, int minimum, int maximum, string[] choices, string help)
        {
            Name = name;
            Kind = kind;
            DefaultValue = defaultValue;
            Secret = secret;
            Minimum = minimum;
            Maximum = maximum;
            Choices = choices;
            Help = help;
        }

        /// <summary>The key as written in <c>config.txt</c> (lowercase, dotted).</summary>
        public string Name { get; }

        /// <summary>What kind of value it takes.</summary>
        public ConfigValueKind Kind { get; }

        /// <summary>The value used when the file does not set it, or null when there is none.</summary>
        public string DefaultValue { get; }

        /// <summary>True for passwords and keys: never displayed, echoed or put in a message.</summary>
        public bool Secret { get; }

        /// <summary>Smallest number (Integer) or shortest length (Text, Identifier, Url).</summary>
        public int Minimum { get; }

        /// <summary>Largest number (Integer) or longest length (Text, Identifier, Url).</summary>
        public int Maximum { get; }

        /// <summary>The allowed words of a Choice key, or null.</summary>
        public string[] Choices { get; }

        /// <summary>One line saying what the key is for.</summary>
        public string Help { get; }
    }
}
