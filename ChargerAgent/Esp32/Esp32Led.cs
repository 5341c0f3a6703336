using System.Device.Gpio;
using ChargerAgent.Core.Status;

namespace ChargerAgent.Esp32
{
    /// <summary>The status LED on a GPIO: only toggles the pin (the pattern is <see cref="StatusLed"/>'s).</summary>
    public sealed class Esp32Led : ILedOutput
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;

        /// <summary>Opens <paramref name="gpio"/> as an output, LED dark.</summary>
        public Esp32Led(GpioController controller, int gpio, bool activeLow)
        {
            if (controller == null) throw new System.ArgumentNullException(nameof(controller));
            _activeLow = activeLow;
            _pin = controller.OpenPin(gpio, PinMode.Output);
            Set(false);
        }

        /// <inheritdoc />
        public void Set(bool on)
        {
            _pin.Write(on != _activeLow ? PinValue.High : PinValue.Low);
        }
    }
}
