#nullable enable
namespace ChargerAgent.Simulation.Flash;

/// <summary>
/// The LittleFS costs <see cref="FakeFlash"/> charges (littlefs lfs.c, v2): files over
/// <see cref="InlineMaxBytes"/> keep their data in whole blocks; the first append after a sync
/// copies the file's partly filled last block into a freshly erased block (lfs_ctz_extend:
/// "just copy out the last block if it is incomplete"); rewriting a file copies its blocks from
/// the first changed byte; every sync or delete commits a metadata entry to the directory's
/// metadata block, inline files carrying their whole content; a full metadata block is compacted
/// (one erase and a rewrite of the live entries).
/// </summary>
public sealed record LittleFsCostModel
{
    /// <summary>Erase block size (ESP32 SPI flash sector).</summary>
    public int BlockBytes { get; init; } = 4096;

    /// <summary>Program granularity: every program is rounded up to it.</summary>
    public int ProgBytes { get; init; } = 16;

    /// <summary>Largest file kept inline in its metadata entry (littlefs: min(cache size, block/8)).</summary>
    public int InlineMaxBytes { get; init; } = 256;

    /// <summary>Bytes one metadata commit costs besides inline data (tags, CTZ pointer, size, CRC).</summary>
    public int CommitOverheadBytes { get; init; } = 40;

    /// <summary>Bytes a file's live metadata takes when a metadata block is compacted (name, struct tags).</summary>
    public int LiveEntryBytes { get; init; } = 32;

    /// <summary>The assumed ESP32 configuration.</summary>
    public static LittleFsCostModel Esp32 { get; } = new LittleFsCostModel();
}
