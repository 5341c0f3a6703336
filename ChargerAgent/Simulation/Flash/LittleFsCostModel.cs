#nullable enable
namespace ChargerAgent.Simulation.Flash;

/// <summary>
/// The littlefs settings and the few calibrated byte counts <see cref="LittleFsModel"/> charges by.
/// The defaults are the board's: the ESP32 <c>config</c> partition of 4 MB boards (64 blocks of
/// 4 KB) with esp_littlefs's defaults, which nanoFramework leaves alone: read 128, prog 128, cache
/// 512, lookahead 128, block_cycles 512, and an 8-byte mtime attribute on every file.
/// </summary>
public sealed record LittleFsCostModel
{
    /// <summary>Erase block size (ESP32 SPI flash sector).</summary>
    public int BlockBytes { get; init; } = 4096;

    /// <summary>Blocks in the partition (256 KB on 4 MB boards; 16 on 2 MB boards).</summary>
    public int BlockCount { get; init; } = 64;

    /// <summary>Read granularity (lfs read_size).</summary>
    public int ReadBytes { get; init; } = 128;

    /// <summary>Program granularity (lfs prog_size): every program is rounded up to it.</summary>
    public int ProgBytes { get; init; } = 128;

    /// <summary>Cache size (lfs cache_size); it also bounds inline files.</summary>
    public int CacheBytes { get; init; } = 512;

    /// <summary>Lookahead buffer bytes (lfs lookahead_size): 8 blocks a byte, so 128 covers 1,024 blocks, the whole partition.</summary>
    public int LookaheadBytes { get; init; } = 128;

    /// <summary>Metadata compactions before a metadata block is moved elsewhere (lfs block_cycles).</summary>
    public int BlockCycles { get; init; } = 512;

    /// <summary>Bytes of the user attribute every file carries (esp_littlefs's mtime, a 64-bit time_t).</summary>
    public int MtimeBytes { get; init; } = 8;

    /// <summary>Largest file kept inline in its directory's metadata: min(cache, block/8), littlefs's default.</summary>
    public int InlineMaxBytes => System.Math.Min(CacheBytes, BlockBytes / 8);

    /// <summary>Bytes a commit ends with besides its attributes: the CRC tag and CRC, and the erase-state check (FCRC tag, size and CRC) for the next commit, before padding to a program unit (lfs_dir_commitcrc).</summary>
    public int CommitOverheadBytes { get; init; } = 20;

    /// <summary>Bytes at the end of a metadata block no attribute may use (lfs_dir_commit's end is the block size less 8, the room of a last CRC).</summary>
    public int CommitEndReserveBytes { get; init; } = 8;

    /// <summary>Bytes of one tag (littlefs metadata tags are 32-bit).</summary>
    public int TagBytes { get; init; } = 4;

    /// <summary>Bytes of an out-of-line file's CTZ struct (head block and size).</summary>
    public int CtzStructBytes { get; init; } = 8;

    /// <summary>Bytes a directory's metadata block starts with after a compaction, before its entries: the revision count (lfs_dir_compact).</summary>
    public int CompactionBaseBytes { get; init; } = 4;

    /// <summary>Blocks kept by the device's own files in the partition (network configuration, CA bundle), never rewritten; they take no wear.</summary>
    public int PinnedBlocks { get; init; } = 4;

    /// <summary>The block littlefs's allocator starts from after a format and a mount: the mount seeds it from the metadata's revision counts, so a fresh partition with these settings starts at 45 (littlefs v2.11.2).</summary>
    public int AllocatorStartBlock { get; init; } = 45;

    /// <summary>The board: esp_littlefs defaults on the 256 KB <c>config</c> partition of a 4 MB ESP32.</summary>
    public static LittleFsCostModel Esp32 { get; } = new LittleFsCostModel();
}
