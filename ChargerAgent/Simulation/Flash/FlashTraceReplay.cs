#nullable enable
using System;
using System.Globalization;
using System.IO;

namespace ChargerAgent.Simulation.Flash;

/// <summary>
/// Replays a flash trace (docs/FLASH-TRACE.md) on a <see cref="LittleFsModel"/> and gives the
/// figures held against real littlefs: erases, bytes programmed and the most-worn block, per day.
/// </summary>
public static class FlashTraceReplay
{
    /// <summary>Replays the trace read from <paramref name="trace"/>.</summary>
    /// <exception cref="FormatException">A line that is not of the format, with its number.</exception>
    public static FlashTraceFigures Run(TextReader trace, LittleFsCostModel? parameters = null) => Run(trace, parameters, out _);

    /// <summary>Replays the trace read from <paramref name="trace"/>; <paramref name="model"/> is the model it ran on, for its wear per block.</summary>
    /// <exception cref="FormatException">A line that is not of the format, with its number.</exception>
    public static FlashTraceFigures Run(TextReader trace, LittleFsCostModel? parameters, out LittleFsModel model)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var fs = new LittleFsModel(parameters);
        model = fs;
        long first = -1, last = 0, lines = 0;
        string? line;
        while ((line = trace.ReadLine()) != null)
        {
            lines++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (lines == 1)
            {
                if (line != FlashTraceRecorder.Header) throw new FormatException("line 1: not a flash trace (expected '" + FlashTraceRecorder.Header + "')");
                continue;
            }

            string[] f = line.Split(' ');
            try
            {
                switch (f[0])
                {
                    case "T":
                        last = long.Parse(f[1], CultureInfo.InvariantCulture);
                        if (first < 0) first = last;
                        break;
                    case "L":
                    case "E":
                        break;
                    case "N":
                    case "R":
                        fs.Touch(f[1]);
                        break;
                    case "A":
                        fs.Append(f[1], int.Parse(f[2], CultureInfo.InvariantCulture));
                        break;
                    case "W":
                        fs.Write(f[1], int.Parse(f[2], CultureInfo.InvariantCulture));
                        break;
                    case "F":
                        fs.Flush(f[1]);
                        break;
                    case "D":
                        fs.Delete(f[1]);
                        break;
                    case "P":
                        fs.PowerCut();
                        break;
                    default:
                        throw new FormatException("unknown operation '" + f[0] + "'");
                }
            }
            catch (Exception e) when (e is FormatException || e is IndexOutOfRangeException || e is OverflowException)
            {
                throw new FormatException("line " + lines + ": " + (e is IndexOutOfRangeException ? "missing field" : e.Message), e);
            }
        }

        double days = first < 0 ? 0 : (last - first) / 86400.0;
        return new FlashTraceFigures(days, fs.BlocksErased, fs.BytesProgrammed, fs.MostWornErases, fs.Commits, fs.BlocksInUse);
    }
}

/// <summary>What a replayed trace cost.</summary>
/// <param name="Days">Days the trace spans (from its first to its last T line).</param>
/// <param name="Erases">Blocks erased.</param>
/// <param name="BytesProgrammed">Bytes programmed, data and metadata.</param>
/// <param name="MostWornErases">Erases of the most-erased block.</param>
/// <param name="Commits">Metadata commits.</param>
/// <param name="BlocksInUse">Blocks in use at the end (pinned device files and metadata included).</param>
public sealed record FlashTraceFigures(double Days, long Erases, long BytesProgrammed, long MostWornErases, long Commits, int BlocksInUse)
{
    /// <summary>Blocks erased a day.</summary>
    public double ErasesPerDay => Erases / Days;

    /// <summary>Bytes programmed a day.</summary>
    public double BytesPerDay => BytesProgrammed / Days;

    /// <summary>Erases a day of the most-worn block.</summary>
    public double MostWornPerDay => MostWornErases / Days;

    /// <summary>Years until the most-worn block reaches <paramref name="cycles"/> erases.</summary>
    public double YearsTo(double cycles) => cycles / MostWornPerDay / 365.0;
}
