namespace ChargerAgent.Core.Config
{
    /// <summary>What kind of value a configuration key takes (decides how it is checked).</summary>
    public enum ConfigValueKind : byte
    {
        /// <summary>Free text without spaces at the ends, bounded length.</summary>
        Text = 0,

        /// <summary>A whole number between a minimum and a maximum.</summary>
        Integer = 1,

        /// <summary>One of a fixed list of words (matched without regard to case, stored as listed).</summary>
        Choice = 2,

        /// <summary>true or false (also yes/no, on/off, 1/0).</summary>
        Boolean = 3,

        /// <summary>An ESP32 GPIO number that exists and is not wired to the flash or the debug UART.</summary>
        Pin = 4,

        /// <summary>An http:// or https:// address.</summary>
        Url = 5,

        /// <summary>A device id usable in reference ids (letters, digits, '-', '_').</summary>
        Identifier = 6,

        /// <summary>A Modbus meter profile name (or "generic"), matched without regard to case, older spellings accepted, stored as the profile's name.</summary>
        MeterProfile = 7,

        /// <summary>A positive decimal number with at most 6 decimals (a scale such as 1000 or 0.1).</summary>
        Decimal = 8,
    }
}
