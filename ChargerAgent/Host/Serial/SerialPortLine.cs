using System;
using System.IO;
using System.IO.Ports;
using ChargerAgent.Core.Metering;

namespace ChargerAgent.Host.Serial;

/// <summary>
/// <see cref="ISerialLine"/> over <see cref="SerialPort"/> (System.IO.Ports): a USB–RS485 adapter, a UART,
/// or one end of a pseudo-terminal pair. Reads return what has arrived (at least one byte) or time out
/// with 0; writes are bounded by <see cref="SerialPort.WriteTimeout"/>. Direction switching is the
/// adapter's job (USB–RS485 adapters switch by themselves).
/// </summary>
public sealed class SerialPortLine : ISerialLine, IDisposable
{
    /// <summary>Default write timeout: 1000 ms (a 256-byte frame takes 1.2 s only at 2400 baud).</summary>
    public const int DefaultWriteTimeoutMs = 1000;

    private readonly SerialPort port;

    /// <summary>Opens <paramref name="path"/> at 8 data bits.</summary>
    /// <exception cref="IOException">The port cannot be opened (missing, busy, no permission).</exception>
    public SerialPortLine(string path, int baudRate, Parity parity, StopBits stopBits, int writeTimeoutMs = DefaultWriteTimeoutMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writeTimeoutMs);
        port = new SerialPort(path, baudRate, parity, 8, stopBits)
        {
            ReadTimeout = 100,
            WriteTimeout = writeTimeoutMs,
            Handshake = Handshake.None,
        };
        try
        {
            port.Open();
        }
        catch (UnauthorizedAccessException e)
        {
            port.Dispose();
            throw new IOException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            port.Dispose();
            throw new IOException(e.Message, e);
        }
        catch (IOException)
        {
            port.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int BaudRate => port.BaudRate;

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            port.Write(buffer, offset, count);
        }
        catch (TimeoutException e)
        {
            throw new IOException("serial write timed out", e);
        }
        catch (InvalidOperationException e)
        {
            throw new IOException("serial port closed", e);
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (count <= 0)
        {
            return 0;
        }

        port.ReadTimeout = Math.Max(1, timeoutMilliseconds);
        try
        {
            return port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (InvalidOperationException e)
        {
            throw new IOException("serial port closed", e);
        }
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
        try
        {
            port.DiscardInBuffer();
        }
        catch (InvalidOperationException e)
        {
            throw new IOException("serial port closed", e);
        }
    }

    /// <summary>Closes the port.</summary>
    public void Dispose() => port.Dispose();
}
