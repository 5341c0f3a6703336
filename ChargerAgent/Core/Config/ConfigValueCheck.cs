namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// Checks one value against its key and puts it in its canonical form (choices as listed,
    /// booleans as true/false, numbers without sign or leading zeros). Reasons name the key and never
    /// contain the value of a secret.
    /// </summary>
    public static class ConfigValueCheck
    {
        /// <summary>Checks <paramref name="value"/> for <paramref name="key"/>.</summary>
        /// <returns>False with <paramref name="problem"/> ("key: reason") when the value is not allowed.</returns>
        public static bool TryNormalize(ConfigKey key, string value, out string normalized, out string problem)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            normalized = null;
            problem = null;
            if (value == null) value = string.Empty;

            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] == (char)127)
                {
                    problem = key.Name + ": contains a control character";
                    return false;
                }
            }

            switch (key.Kind)
            {
                case ConfigValueKind.Integer:
                    return CheckInteger(key, value, key.Minimum, key.Maximum, out normalized, out problem);
                case ConfigValueKind.Pin:
                    return CheckPin(key, value, out normalized, out problem);
                case ConfigValueKind.Choice:
                    return CheckChoice(key, value, out normalized, out problem);
                case ConfigValueKind.Boolean:
                    return CheckBoolean(key, value, out normalized, out problem);
                case ConfigValueKind.Url:
                    return CheckUrl(key, value, out normalized, out problem);
                case ConfigValueKind.MeterProfile:
                    return CheckProfile(key, value, out normalized, out problem);
                case ConfigValueKind.Decimal:
                    long numerator;
                    long denominator;
                    if (!Metering.Profiles.DecimalScale.TryParse(value, out numerator, out denominator))
                    {
                        problem = key.Name + ": '" + value + "' is not a positive decimal number (at most 6 decimals, e.g. 1000 or 0.1)";
                        return false;
                    }

                    normalized = value;
                    return true;
                case ConfigValueKind.Identifier:
                    if (!Records.ReferenceIds.IsValidDeviceId(value))
                    {
                        problem = key.Name + ": must be 1-" + key.Maximum.ToString() + " letters, digits, '-' or '_'";
                        return false;
                    }

                    normalized = value;
                    return true;
                default:
                    return CheckText(key, value, out normalized, out problem);
            }
        }

        /// <summary>Parses a non-negative decimal number of at most 9 digits (no sign, no spaces).</summary>
        public static bool TryParseNumber(string text, out int number)
        {
            number = 0;
            if (text == null || text.Length == 0 || text.Length > 9) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                number = number * 10 + (c - '0');
            }

            return true;
        }

        private static bool CheckInteger(ConfigKey key, string value, int minimum, int maximum, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            int number;
            if (!TryParseNumber(value, out number))
            {
                problem = key.Name + ": '" + value + "' is not a whole number";
                return false;
            }

            if (number < minimum || number > maximum)
            {
                problem = key.Name + ": " + number.ToString() + " is outside " + minimum.ToString() + "-" + maximum.ToString();
                return false;
            }

            normalized = number.ToString();
            return true;
        }

        private static bool CheckPin(ConfigKey key, string value, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            int gpio;
            if (!TryParseNumber(value, out gpio))
            {
                problem = key.Name + ": '" + value + "' is not a GPIO number";
                return false;
            }

            string unusable = Esp32Pins.Unusable(gpio);
            if (unusable != null)
            {
                problem = key.Name + ": " + unusable;
                return false;
            }

            normalized = gpio.ToString();
            return true;
        }

        private static bool CheckChoice(ConfigKey key, string value, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            string lower = value.ToLower();
            for (int i = 0; i < key.Choices.Length; i++)
            {
                if (key.Choices[i].ToLower() == lower)
                {
                    normalized = key.Choices[i];
                    return true;
                }
            }

            problem = key.Name + ": '" + value + "' is not one of " + Join(key.Choices);
            return false;
        }

        private static bool CheckProfile(ConfigKey key, string value, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            Metering.Profiles.MeterProfile profile;
            if (Metering.Profiles.MeterProfiles.TryFind(value, out profile))
            {
                normalized = profile.Name;
                return true;
            }

            if (value.ToLower() == ConfigSchema.GenericProfileName)
            {
                normalized = ConfigSchema.GenericProfileName;
                return true;
            }

            problem = key.Name + ": '" + value + "' is not one of " + Join(key.Choices);
            return false;
        }

        private static bool CheckBoolean(ConfigKey key, string value, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            string lower = value.ToLower();
            if (lower == "true" || lower == "yes" || lower == "on" || lower == "1")
            {
                normalized = "true";
                return true;
            }

            if (lower == "false" || lower == "no" || lower == "off" || lower == "0")
            {
                normalized = "false";
                return true;
            }

            problem = key.Name + ": '" + value + "' is not true or false";
            return false;
        }

        private static bool CheckUrl(ConfigKey key, string value, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            string lower = value.ToLower();
            int hostStart;
            if (lower.StartsWith("https://")) hostStart = 8;
            else if (lower.StartsWith("http://")) hostStart = 7;
            else
            {
                problem = key.Name + ": must start with https:// (or http:// for a local test endpoint)";
                return false;
            }

            if (value.Length > key.Maximum)
            {
                problem = key.Name + ": longer than " + key.Maximum.ToString() + " characters";
                return false;
            }

            if (value.IndexOf(' ') >= 0 || value.IndexOf('?') >= 0 || value.IndexOf('#') >= 0)
            {
                problem = key.Name + ": must not contain spaces, '?' or '#'";
                return false;
            }

            string trimmed = value;
            while (trimmed.Length > hostStart && trimmed[trimmed.Length - 1] == '/')
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 1);
            }

            if (trimmed.Length == hostStart || trimmed[hostStart] == '/')
            {
                problem = key.Name + ": has no host name";
                return false;
            }

            // The scheme is case-insensitive (RFC 3986): stored in lower case, as the uploader expects it.
            normalized = (hostStart == 8 ? "https://" : "http://") + trimmed.Substring(hostStart);
            return true;
        }

        private static bool CheckText(ConfigKey key, string value, out string normalized, out string problem)
        {
            normalized = null;
            problem = null;
            string name = key.Name;
            if (name == ConfigKeys.WifiPassword)
            {
                if (value.Length != 0 && (value.Length < 8 || value.Length > 63))
                {
                    problem = name + ": must be 8-63 characters (WPA2), or empty for an open network";
                    return false;
                }

                normalized = value;
                return true;
            }

            if (value.Length < key.Minimum || value.Length > key.Maximum)
            {
                problem = name + (value.Length == 0 ? ": is empty" : ": must be " + key.Minimum.ToString() + "-" + key.Maximum.ToString() + " characters");
                return false;
            }

            if (name != ConfigKeys.WifiSsid && value.IndexOf(' ') >= 0)
            {
                problem = name + ": must not contain spaces";
                return false;
            }

            if (name == ConfigKeys.AccountId || name == ConfigKeys.LocationId)
            {
                for (int i = 0; i < value.Length; i++)
                {
                    if (value[i] > (char)126)
                    {
                        problem = name + ": must be printable ASCII (letters, digits and punctuation)";
                        return false;
                    }
                }
            }

            if (name == ConfigKeys.AccountId && value.IndexOf(':') >= 0)
            {
                problem = name + ": must not contain ':' (it is the user name of HTTP Basic)";
                return false;
            }

            if (name == ConfigKeys.ApiKey && !value.StartsWith("sk_"))
            {
                problem = name + ": does not look like a Flatpeak key (sk_test_... or sk_live_...)";
                return false;
            }

            normalized = value;
            return true;
        }

        private static string Join(string[] words)
        {
            string text = string.Empty;
            for (int i = 0; i < words.Length; i++)
            {
                text += (i == 0 ? string.Empty : ", ") + words[i];
            }

            return text;
        }
    }
}
