#nullable enable
using System;
using System.Globalization;
using System.IO;
using ChargerAgent.Core.Storage;

namespace ChargerAgent.Simulation.Flash;

/// <summary>
/// An <see cref="IFileStore"/> that passes every call to another store and writes it to a flash
/// trace (docs/FLASH-TRACE.md): one plain-text line per call, so that any littlefs build can
/// replay the agent's file traffic and count what it costs. Only calls that completed are written;
/// a board reset is written by <see cref="PowerCut"/>.
/// </summary>
public sealed class FlashTraceRecorder : IFileStore
{
    /// <summary>The first line of every trace: the format name and its version.</summary>
    public const string Header = "c chargeragent-flash-trace 1";

    private readonly IFileStore inner;
    private readonly TextWriter output;
    private readonly Func<long> nowSeconds;
    private readonly bool withData;
    private long lastTime = long.MinValue;

    /// <summary>Records the calls made on <paramref name="inner"/> to <paramref name="output"/>.</summary>
    /// <param name="inner">The store that does the work.</param>
    /// <param name="output">Where the trace goes; the header is written at once.</param>
    /// <param name="nowSeconds">The run's time in seconds, written as a T line whenever it moved.</param>
    /// <param name="withData">True to write the bytes of every append and write (needed to check content after a replay; costs are the same without).</param>
    public FlashTraceRecorder(IFileStore inner, TextWriter output, Func<long> nowSeconds, bool withData)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        this.output = output ?? throw new ArgumentNullException(nameof(output));
        this.nowSeconds = nowSeconds ?? throw new ArgumentNullException(nameof(nowSeconds));
        this.withData = withData;
        output.WriteLine(Header);
    }

    /// <summary>Lines written so far after the header.</summary>
    public long Lines { get; private set; }

    /// <summary>Writes a board reset: whatever the open file had not committed is gone.</summary>
    public void PowerCut() => Line("P");

    /// <inheritdoc/>
    public string[] List()
    {
        string[] names = inner.List();
        Line("L");
        return names;
    }

    /// <inheritdoc/>
    public bool Exists(string name)
    {
        bool exists = inner.Exists(name);
        Line("E " + name);
        return exists;
    }

    /// <inheritdoc/>
    public long Length(string name)
    {
        long length = inner.Length(name);
        Line("N " + name);
        return length;
    }

    /// <inheritdoc/>
    public int Read(string name, long position, byte[] buffer, int offset, int count)
    {
        int n = inner.Read(name, position, buffer, offset, count);
        Line("R " + name + " " + position.ToString(CultureInfo.InvariantCulture) + " " + count.ToString(CultureInfo.InvariantCulture));
        return n;
    }

    /// <inheritdoc/>
    public void Append(string name, byte[] buffer, int offset, int count)
    {
        inner.Append(name, buffer, offset, count);
        Line(WithBytes("A " + name, buffer, offset, count));
    }

    /// <inheritdoc/>
    public void Write(string name, byte[] buffer, int offset, int count)
    {
        inner.Write(name, buffer, offset, count);
        Line(WithBytes("W " + name, buffer, offset, count));
    }

    /// <inheritdoc/>
    public void Flush(string name)
    {
        inner.Flush(name);
        Line("F " + name);
    }

    /// <inheritdoc/>
    public void Delete(string name)
    {
        inner.Delete(name);
        Line("D " + name);
    }

    private string WithBytes(string head, byte[] buffer, int offset, int count)
    {
        string line = head + " " + count.ToString(CultureInfo.InvariantCulture);
        return withData ? line + " " + Convert.ToHexString(buffer, offset, count).ToLowerInvariant() : line;
    }

    private void Line(string text)
    {
        long now = nowSeconds();
        if (now != lastTime)
        {
            output.WriteLine("T " + now.ToString(CultureInfo.InvariantCulture));
            lastTime = now;
        }

        output.WriteLine(text);
        Lines++;
    }
}
