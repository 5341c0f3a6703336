using System;
using System.Device.Gpio;
using ChargerAgent.Core.Metering;

namespace ChargerAgent.Esp32
{
    /// <summary>
    /// <see cref="IPulseCounter"/> over the ESP32 PCNT hardware through <c>GpioPulseCounter</c>
    /// (nanoFramework.Hardware.Esp32, namespace System.Device.Gpio; source file
    /// nanoFramework.Hardware.Esp32/Gpio/Gpio\u200BPulseCounter.cs, whose class name carries a zero-width
    /// space that C# drops). Facts from that source: <c>Polarity</c> throws InvalidOperationException
    /// while counting, so it is set before <c>Start</c>; <c>Start</c> throws when already started and
    /// <c>Stop</c> when not started, so both check <c>IsStarted</c>; <c>FilterPulses</c> (at most 1023) is handed
    /// to the PCNT driver as <c>max_glitch_ns</c>, nanoseconds (nf-interpreter
    /// targets/ESP32/_nanoCLR/nanoFramework.Hardware.ESP32/nanoFramework_hardware_esp32_native_System_Device_Gpio_GpioPulseCounter.cpp:426-431),
    /// whatever the library's doc comment says about microseconds or APB cycles: about 1 µs at most,
    /// a glitch filter against ringing, not a debounce for 30 ms S0 pulses;
    /// <c>Read</c> returns a <c>GpioPulseCount</c> whose <c>Count</c> is a 64-bit extension of the 16-bit
    /// PCNT. The count restarts at 0 on every boot. Not available on ESP32-C3 (no PCNT).
    /// </summary>
    public sealed class Esp32PulseCounter : IPulseCounter, IDisposable
    {
        /// <summary>Default glitch filter: 1023 ns (about 1 µs), the largest value the library accepts.</summary>
        public const ushort DefaultFilterNanoseconds = 1023;

        private readonly GpioPulseCounter counter;

        /// <summary>
        /// Counts falling edges (an S0 output pulls the line low) on <paramref name="pin"/> and starts counting.
        /// The pin needs a pull-up (GPIO 34–39 have none internally: use an external resistor).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative pin.</exception>
        public Esp32PulseCounter(int pin)
        {
            if (pin < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pin));
            }

            counter = new GpioPulseCounter(pin);
            counter.Polarity = GpioPulsePolarity.Falling; // before Start: the setter throws while counting
            counter.FilterPulses = DefaultFilterNanoseconds;
            Start();
        }

        /// <summary>True while counting.</summary>
        public bool IsStarted
        {
            get { return counter.IsStarted; }
        }

        /// <summary>Starts counting (no effect when already counting: Start would throw).</summary>
        public void Start()
        {
            if (!counter.IsStarted)
            {
                counter.Start();
            }
        }

        /// <summary>Stops counting (no effect when stopped: Stop would throw).</summary>
        public void Stop()
        {
            if (counter.IsStarted)
            {
                counter.Stop();
            }
        }

        /// <inheritdoc />
        public bool TryRead(out long count)
        {
            count = 0;
            if (!counter.IsStarted)
            {
                return false;
            }

            try
            {
                GpioPulseCount reading = counter.Read();
                count = reading.Count;
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        /// <summary>Stops counting and releases the PCNT unit and pin.</summary>
        public void Dispose()
        {
            Stop();
            counter.Dispose();
        }
    }
}
