#nullable enable
using System;
using System.Collections.Generic;

namespace ChargerAgent.Simulation.Flash;

/// <summary>
/// A model of what littlefs (v2.11) does on the board's flash for the agent's file calls, block by
/// block: which blocks it erases and how many bytes it programs. It follows the board's file layer
/// (<c>Esp32FileStore</c> over nanoFramework's FileStream): one file is kept open for writing and
/// committed when closed (<see cref="Flush"/>, another file's write, or a delete); a length or a read
/// of another file opens it read-write and closes it, which commits its metadata again because the
/// mtime attribute marks every read-write open dirty.
/// </summary>
/// <remarks>
/// What it models of littlefs (lfs.c): files up to <see cref="LittleFsCostModel.InlineMaxBytes"/>
/// live inline in the directory's metadata and every commit carries their whole content; larger
/// files live in blocks, and the first write after a commit copies the partly filled last block
/// into a freshly erased one (lfs_ctz_extend); every commit appends to the directory's metadata
/// block, and one that does not fit, or one made through a handle opened when the block's last
/// commit reached its end, compacts the directory into the other block of its pair (one erase);
/// every (block_cycles + 1) OR 1 compactions a metadata block moves to a new block; the allocator is
/// littlefs's lookahead window: free blocks in address order from where it last stopped, a window
/// scanned anew (for what the file system references on flash and what the open file holds) when
/// it is used up, so a block freed since the last scan is handed out only after the next one.
/// </remarks>
public sealed class LittleFsModel
{
    private readonly LittleFsCostModel p;
    private readonly Dictionary<string, FileModel> files = new(StringComparer.Ordinal);
    private readonly long[] wear;
    private readonly List<int> pinned = new();
    private readonly bool[] lookahead; // blocks in use at the last scan, by offset from lookaheadStart
    private int lookaheadStart;
    private int lookaheadNext;
    private int lookaheadSize;
    private int checkpoint;
    private readonly int[] pair = new int[2];
    private int metadataUsed;
    private bool openErased;
    private long revision = 1; // lfs_dir_alloc aligns a new pair's count to 0; mkdir's own compaction makes it 1
    private string? open;
    private OpenState openState = new();

    /// <summary>A freshly formatted partition with the device's own pinned files and the agent's folder.</summary>
    public LittleFsModel(LittleFsCostModel? parameters = null)
    {
        p = parameters ?? LittleFsCostModel.Esp32;
        wear = new long[p.BlockCount];
        lookahead = new bool[p.BlockCount];
        lookaheadStart = p.AllocatorStartBlock;
        checkpoint = p.BlockCount;
        // lfs_dir_alloc takes the second block of a pair first; mkdir's compaction writes it and swaps the pair
        pair[0] = Allocate(erase: false);
        pair[1] = Allocate(erase: false);
        for (int i = 0; i < p.PinnedBlocks; i++)
        {
            checkpoint = p.BlockCount;
            pinned.Add(Allocate(erase: false));
        }
        metadataUsed = RoundProg(p.CompactionBaseBytes + p.CommitOverheadBytes); // mkdir's compaction
    }

    /// <summary>The parameters charged by.</summary>
    public LittleFsCostModel Parameters => p;

    /// <summary>Blocks erased so far.</summary>
    public long BlocksErased { get; private set; }

    /// <summary>Bytes programmed so far, data and metadata, copies included.</summary>
    public long BytesProgrammed { get; private set; }

    /// <summary>Metadata commits so far.</summary>
    public long Commits { get; private set; }

    /// <summary>Metadata compactions so far.</summary>
    public long Compactions { get; private set; }

    /// <summary>Erases of the most-erased block so far.</summary>
    public long MostWornErases
    {
        get
        {
            long max = 0;
            foreach (long w in wear) max = Math.Max(max, w);
            return max;
        }
    }

    /// <summary>Erases of each block so far (a copy).</summary>
    public long[] Wear() => (long[])wear.Clone();

    /// <summary>Blocks in use now: the pinned files, the metadata pairs and the agent's files' data blocks.</summary>
    public int BlocksInUse
    {
        get
        {
            int n = 0;
            foreach (bool u in InUse()) if (u) n++;
            return n;
        }
    }

    /// <summary>The file is opened for appending (kept open) and <paramref name="count"/> bytes are written at its end.</summary>
    public void Append(string name, int count)
    {
        WriteOpen(name, count, truncate: false);
        checkpoint = p.BlockCount; // lfs_file_flushedwrite ends with a checkpoint
    }

    /// <summary>The file is opened truncated (kept open) and its new content of <paramref name="count"/> bytes written.</summary>
    public void Write(string name, int count)
    {
        WriteOpen(name, count, truncate: true);
        checkpoint = p.BlockCount;
    }

    /// <summary>The open file is closed, which commits it; nothing happens for a file not open.</summary>
    public void Flush(string name)
    {
        if (open == name) Close();
    }

    /// <summary>A length or a read: of the open file costs nothing; of another, an open read-write and a close (a commit).</summary>
    public void Touch(string name)
    {
        if (open == name || !files.TryGetValue(name, out FileModel? f)) return;
        Commit(AttributeBytes(f), Fetch());
    }

    /// <summary>The file is removed: its blocks are freed and one commit records it.</summary>
    public void Delete(string name)
    {
        if (open == name) Close();
        if (!files.TryGetValue(name, out FileModel? f)) return;
        FreeBlocks(f);
        files.Remove(name);
        Commit(p.TagBytes, Fetch());
    }

    /// <summary>Power is lost: the open file's uncommitted writes are gone (their programmed blocks stay programmed).</summary>
    public void PowerCut()
    {
        if (open == null) return;
        FileModel f = files[open];
        if (openState.Created && f.Committed < 0) files.Remove(open);
        else
        {
            // the newly allocated blocks are orphans, free at the next scan
            f.Size = f.Committed;
            f.Blocks = new List<int>(f.CommittedBlocks);
        }

        open = null;
        openState = new OpenState();
    }

    private void WriteOpen(string name, int count, bool truncate)
    {
        if (open != name || truncate)
        {
            if (open != null) Close();
            Open(name, truncate);
        }

        FileModel f = files[name];
        long oldSize = f.Size;
        long newSize = oldSize + count;
        if (newSize <= p.InlineMaxBytes && f.Blocks.Count == 0)
        {
            f.Size = newSize; // stays in the file's cache, committed inline at close
            return;
        }

        if (f.Blocks.Count == 0)
        {
            // leaves inline (or starts out of line): the whole content goes to fresh blocks
            openState.Pending = 0;
            f.Size = 0;
            openState.Extended = true;
            GrowTo(f, newSize);
            return;
        }

        if (!openState.Extended)
        {
            int partial = (int)(oldSize % p.BlockBytes);
            openState.Extended = true;
            if (partial != 0 || oldSize == 0)
            {
                // lfs_ctz_extend: the partly filled last block is copied into a new block
                int last = f.Blocks[f.Blocks.Count - 1];
                f.Blocks.RemoveAt(f.Blocks.Count - 1);
                int fresh = AllocateData();
                f.Blocks.Add(fresh);
                openState.NewBlocks.Add(fresh);
                openState.Pending += partial;
            }
        }

        GrowTo(f, newSize);
    }

    private void GrowTo(FileModel f, long newSize)
    {
        long capacity = (long)f.Blocks.Count * p.BlockBytes;
        while (capacity < newSize)
        {
            // the current block is filled and programmed as it is left behind
            Program(openState.Pending + (int)(capacity - f.Size));
            openState.Pending = 0;
            int fresh = AllocateData();
            f.Blocks.Add(fresh);
            openState.NewBlocks.Add(fresh);
            f.Size = capacity;
            capacity += p.BlockBytes;
        }

        openState.Pending += (int)(newSize - f.Size);
        f.Size = newSize;
    }

    private void Open(string name, bool truncate)
    {
        openErased = Fetch();
        bool created = !files.TryGetValue(name, out FileModel? f);
        if (created)
        {
            f = new FileModel(name);
            files.Add(name, f);
            Commit(p.TagBytes * 3 + name.Length, openErased); // lfs_file_opencfg commits the new entry at once
        }

        openState = new OpenState { Created = created };
        if (truncate)
        {
            FreeBlocks(f!);
            f!.Size = 0;
        }

        open = name;
    }

    private void Close()
    {
        FileModel f = files[open!];
        if (openState.Pending > 0) Program(openState.Pending);
        f.Committed = f.Size;
        f.CommittedBlocks = new List<int>(f.Blocks);
        Commit(AttributeBytes(f), openErased);

        open = null;
        openState = new OpenState();
    }

    private int AttributeBytes(FileModel f)
    {
        int content = f.Blocks.Count == 0 ? (int)f.Size : p.CtzStructBytes;
        return p.TagBytes + content + p.TagBytes + p.MtimeBytes;
    }

    private int LiveBytes()
    {
        int live = p.CompactionBaseBytes;
        foreach (FileModel f in files.Values)
        {
            long content = f.Blocks.Count == 0 ? Math.Max(0, f.Committed) : p.CtzStructBytes;
            live += p.TagBytes + f.Name.Length + p.TagBytes + (int)content + p.TagBytes + p.MtimeBytes;
        }

        return live;
    }

    /// <summary>
    /// lfs_dir_fetch, done by every open and remove: it trusts the rest of the metadata block to be
    /// erased only if the last commit ended before the block's end, with the erase-state check.
    /// </summary>
    private bool Fetch() => metadataUsed < p.BlockBytes;

    /// <summary>
    /// lfs_dir_relocatingcommit through a handle whose copy of the directory says whether the rest of
    /// its block is erased: if not, or if the commit does not fit, the directory is compacted. A
    /// compaction leaves that flag as it was, and every open handle takes the committing handle's copy,
    /// so a file opened on a full block compacts on every commit until it is closed.
    /// </summary>
    private void Commit(int attributes, bool erased)
    {
        Commits++;
        if (open != null) openErased = erased;
        int bytes = RoundProg(attributes + p.CommitOverheadBytes);
        if (!erased || metadataUsed + attributes > p.BlockBytes - p.CommitEndReserveBytes)
        {
            Compactions++;
            // lfs_dir_needsrelocation: a compaction that would make the count a multiple of (block_cycles + 1) | 1 relocates
            bool tired = p.BlockCycles > 0 && (revision + 1) % ((p.BlockCycles + 1) | 1) == 0;
            revision++;
            int target = pair[1];
            if (tired)
            {
                // the block is worn enough: the metadata moves to a newly allocated block
                // (the old block stays referenced until the new one is committed, so the allocator cannot hand it back)
                target = Allocate(erase: false);
            }

            Erase(target);
            pair[1] = pair[0];
            pair[0] = target;
            // the compaction writes the live entries, the commit's own attributes among them, in one go
            int live = RoundProg(LiveBytes() + p.CommitOverheadBytes);
            Program(live);
            metadataUsed = live;
            return;
        }

        // the last commit of a block ends at the block's end (no FCRC there)
        bytes = Math.Min(bytes, p.BlockBytes - metadataUsed);
        metadataUsed += bytes;
        BytesProgrammed += bytes;
    }

    private static void FreeBlocks(FileModel f) => f.Blocks.Clear();

    /// <summary>A block for file data: lfs_file_flushedwrite checkpoints the allocator before every extension.</summary>
    private int AllocateData()
    {
        checkpoint = p.BlockCount;
        return Allocate(erase: true);
    }

    /// <summary>lfs_alloc: the next block free at the last scan of the lookahead window; a window used up is scanned anew from where it ended.</summary>
    private int Allocate(bool erase)
    {
        while (true)
        {
            while (lookaheadNext < lookaheadSize)
            {
                if (!lookahead[lookaheadNext])
                {
                    int b = (lookaheadStart + lookaheadNext) % p.BlockCount;
                    // lfs_alloc steps eagerly past the blocks in use after the one it hands out
                    do
                    {
                        lookaheadNext++;
                        checkpoint--;
                    }
                    while (lookaheadNext < lookaheadSize && lookahead[lookaheadNext]);
                    if (erase) Erase(b);
                    return b;
                }

                lookaheadNext++;
                checkpoint--;
            }

            if (checkpoint <= 0) throw new System.IO.IOException("littlefs model: no free block (the partition is full)");

            // lfs_alloc_scan: the window moves on and marks what the file system references now
            lookaheadStart = (lookaheadStart + lookaheadNext) % p.BlockCount;
            lookaheadNext = 0;
            lookaheadSize = Math.Min(8 * p.LookaheadBytes, Math.Min(checkpoint, p.BlockCount));
            bool[] inUse = InUse();
            for (int i = 0; i < lookaheadSize; i++) lookahead[i] = inUse[(lookaheadStart + i) % p.BlockCount];
        }
    }

    /// <summary>The blocks lfs_fs_traverse reaches: superblock and root, the pinned files, the agent's metadata pair, every file's committed blocks and the open file's new ones.</summary>
    private bool[] InUse()
    {
        var inUse = new bool[p.BlockCount];
        inUse[0] = inUse[1] = true;
        foreach (int b in pinned) inUse[b] = true;
        inUse[pair[0]] = inUse[pair[1]] = true;
        foreach (FileModel f in files.Values)
        {
            foreach (int b in f.CommittedBlocks) inUse[b] = true;
            if (f.Name == open) foreach (int b in f.Blocks) inUse[b] = true;
        }

        return inUse;
    }

    private void Erase(int block)
    {
        wear[block]++;
        BlocksErased++;
    }

    private void Program(int bytes)
    {
        if (bytes > 0) BytesProgrammed += RoundProg(bytes);
    }

    private int RoundProg(int bytes) => (bytes + p.ProgBytes - 1) / p.ProgBytes * p.ProgBytes;

    private sealed class FileModel(string name)
    {
        public readonly string Name = name;
        public long Size;
        public long Committed = -1;
        public List<int> Blocks = new();
        public List<int> CommittedBlocks = new();
    }

    private sealed class OpenState
    {
        public bool Created;
        public bool Extended;
        public int Pending;
        public readonly List<int> NewBlocks = new();
    }
}
