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
/// block, a full one is compacted into the other block of its pair (one erase), and every
/// <see cref="LittleFsCostModel.BlockCycles"/> compactions a metadata block moves to a new block;
/// the allocator hands out free blocks in address order from where it last stopped, and a block
/// freed since its last scan of the partition is handed out only after the next scan.
/// </remarks>
public sealed class LittleFsModel
{
    private readonly LittleFsCostModel p;
    private readonly Dictionary<string, FileModel> files = new(StringComparer.Ordinal);
    private readonly long[] wear;
    private readonly bool[] used;
    private readonly bool[] freeAtScan;
    private int cursor;
    private int scanRemaining;
    private readonly int[] pair = new int[2];
    private int metadataUsed;
    private long revision;
    private string? open;
    private OpenState openState = new();

    /// <summary>A freshly formatted partition with the device's own pinned files and the agent's folder.</summary>
    public LittleFsModel(LittleFsCostModel? parameters = null)
    {
        p = parameters ?? LittleFsCostModel.Esp32;
        wear = new long[p.BlockCount];
        used = new bool[p.BlockCount];
        freeAtScan = new bool[p.BlockCount];
        used[0] = used[1] = true; // superblock and root directory
        for (int i = 0; i < p.PinnedBlocks; i++) used[Allocate(erase: false)] = true;
        pair[0] = Allocate(erase: false);
        pair[1] = Allocate(erase: false);
        used[pair[0]] = used[pair[1]] = true;
        metadataUsed = p.CompactionBaseBytes;
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
            foreach (bool u in used) if (u) n++;
            return n;
        }
    }

    /// <summary>The file is opened for appending (kept open) and <paramref name="count"/> bytes are written at its end.</summary>
    public void Append(string name, int count) => WriteOpen(name, count, truncate: false);

    /// <summary>The file is opened truncated (kept open) and its new content of <paramref name="count"/> bytes written.</summary>
    public void Write(string name, int count) => WriteOpen(name, count, truncate: true);

    /// <summary>The open file is closed, which commits it; nothing happens for a file not open.</summary>
    public void Flush(string name)
    {
        if (open == name) Close();
    }

    /// <summary>A length or a read: of the open file costs nothing; of another, an open read-write and a close (a commit).</summary>
    public void Touch(string name)
    {
        if (open == name || !files.TryGetValue(name, out FileModel? f)) return;
        Commit(AttributeBytes(f));
    }

    /// <summary>The file is removed: its blocks are freed and one commit records it.</summary>
    public void Delete(string name)
    {
        if (open == name) Close();
        if (!files.TryGetValue(name, out FileModel? f)) return;
        FreeBlocks(f);
        files.Remove(name);
        Commit(p.TagBytes);
    }

    /// <summary>Power is lost: the open file's uncommitted writes are gone (their programmed blocks stay programmed).</summary>
    public void PowerCut()
    {
        if (open == null) return;
        FileModel f = files[open];
        if (openState.Created && f.Committed < 0) files.Remove(open);
        else
        {
            // the newly allocated blocks are orphans, freed at the next scan
            foreach (int b in openState.NewBlocks) used[b] = false;
            foreach (int b in openState.OldBlocks) used[b] = true;
            f.Size = f.Committed;
            f.Blocks = openState.OldBlocks;
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
                if (!openState.NewBlocks.Contains(last)) FreeLater(last);
                int fresh = Allocate(erase: true);
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
            int fresh = Allocate(erase: true);
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
        bool created = !files.TryGetValue(name, out FileModel? f);
        if (created)
        {
            f = new FileModel(name);
            files.Add(name, f);
            Commit(p.TagBytes * 3 + name.Length); // lfs_file_opencfg commits the new entry at once
        }

        openState = new OpenState { Created = created, OldBlocks = new List<int>(f!.Blocks) };
        if (truncate)
        {
            FreeBlocks(f);
            f.Size = 0;
        }

        open = name;
    }

    private void Close()
    {
        FileModel f = files[open!];
        if (openState.Pending > 0) Program(openState.Pending);
        f.Committed = f.Size;
        Commit(AttributeBytes(f));
        foreach (int b in openState.OldBlocks)
        {
            if (!f.Blocks.Contains(b)) FreeLater(b);
        }

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

    private void Commit(int attributes)
    {
        Commits++;
        int bytes = RoundProg(attributes + p.CommitOverheadBytes);
        if (metadataUsed + bytes > p.BlockBytes)
        {
            Compactions++;
            revision++;
            int target = pair[1];
            if (p.BlockCycles > 0 && revision % ((p.BlockCycles + 1) | 1) == 0)
            {
                // the block is worn enough: the metadata moves to a newly allocated block
                used[target] = false;
                FreeLater(target);
                target = Allocate(erase: false);
                used[target] = true;
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

        metadataUsed += bytes;
        BytesProgrammed += bytes;
    }

    private void FreeBlocks(FileModel f)
    {
        foreach (int b in f.Blocks) FreeLater(b);
        f.Blocks.Clear();
    }

    private void FreeLater(int block) => used[block] = false;

    private int Allocate(bool erase)
    {
        for (int tries = 0; tries <= 2 * p.BlockCount; tries++)
        {
            if (scanRemaining == 0)
            {
                // lfs_alloc_scan: the lookahead window covers the whole partition; blocks free now
                for (int i = 0; i < p.BlockCount; i++) freeAtScan[i] = !used[i];
                scanRemaining = p.BlockCount;
            }

            int b = cursor;
            cursor = (cursor + 1) % p.BlockCount;
            scanRemaining--;
            if (freeAtScan[b] && !used[b])
            {
                freeAtScan[b] = false;
                used[b] = true;
                if (erase) Erase(b);
                return b;
            }
        }

        throw new System.IO.IOException("littlefs model: no free block (the partition is full)");
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
    }

    private sealed class OpenState
    {
        public bool Created;
        public bool Extended;
        public int Pending;
        public List<int> OldBlocks = new();
        public readonly List<int> NewBlocks = new();
    }
}
