using System;
using System.IO;
using System.IO.Ports;
using ChargerAgent.Core.Metering;

namespace ChargerAgent.Host.Serial;

/// <summary>Opens one serial device with the settings a bus scan asks for (System.IO.Ports).</summary>
public sealed class SerialPortLineOpener : ISerialLineOpener
{
    private readonly string path;

    /// <summary>Opens <paramref name="path"/> (/dev/ttyUSB0, COM3…).</summary>
    public SerialPortLineOpener(string path) => this.path = path ?? throw new ArgumentNullException(nameof(path));

    /// <summary>System.IO.Ports' parity for "none", "even" or "odd".</summary>
    public static Parity ParityOf(string parity) => parity switch
    {
        "even" => Parity.Even,
        "odd" => Parity.Odd,
        _ => Parity.None,
    };

    /// <inheritdoc />
    public ISerialLine Open(int baud, string parity, int stopBits, out string problem)
    {
        problem = null;
        try
        {
            return new SerialPortLine(path, baud, ParityOf(parity), stopBits == 2 ? StopBits.Two : StopBits.One);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is InvalidOperationException)
        {
            problem = "cannot open " + path + ": " + (e.InnerException ?? e).Message;
            return null;
        }
    }

    /// <inheritdoc />
    public void Close(ISerialLine line) => (line as IDisposable)?.Dispose();
}
