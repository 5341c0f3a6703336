namespace ChargerAgent.Core.Config
{
    /// <summary>
    /// Which ESP32 (classic, ESP32-D0WD) GPIO numbers a configuration may use. GPIO 20, 24 and 28-31
    /// do not exist; 6-11 are wired to the SPI flash; 1 and 3 are UART0, nanoFramework's debug and
    /// deploy port; 34-39 are inputs only, without internal pull-ups (ESP32 datasheet, section
    /// "Pin Description", and the ESP32 Technical Reference Manual, chapter "IO_MUX and GPIO Matrix").
    /// </summary>
    public static class Esp32Pins
    {
        /// <summary>Highest GPIO number on the ESP32.</summary>
        public const int MaxGpio = 39;

        /// <summary>True when the GPIO exists on the ESP32.</summary>
        public static bool Exists(int gpio)
        {
            if (gpio < 0 || gpio > MaxGpio) return false;
            return gpio != 20 && gpio != 24 && !(gpio >= 28 && gpio <= 31);
        }

        /// <summary>Why <paramref name="gpio"/> cannot be used at all, or null when it can.</summary>
        public static string Unusable(int gpio)
        {
            if (!Exists(gpio)) return "GPIO " + gpio.ToString() + " does not exist on the ESP32";
            if (gpio >= 6 && gpio <= 11) return "GPIO " + gpio.ToString() + " is wired to the flash chip";
            if (gpio == 1 || gpio == 3) return "GPIO " + gpio.ToString() + " is the debug port (UART0, COM1)";
            return null;
        }

        /// <summary>True for GPIO 34-39, which cannot drive an output.</summary>
        public static bool IsInputOnly(int gpio)
        {
            return gpio >= 34 && gpio <= 39;
        }
    }
}
