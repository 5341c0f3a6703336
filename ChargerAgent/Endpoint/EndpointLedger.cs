using System;
using System.Collections.Generic;

namespace ChargerAgent.Endpoint;

/// <summary>
/// What the endpoint stored: unique records keyed by record_reference_id (a record without one is
/// always new), in the order they first arrived. A repeated record_reference_id is counted as a
/// duplicate, and as a conflict when its energy or period differs from the first. Non-persistent
/// submissions (?non_persistent=true) are counted but not stored. Thread-safe.
/// </summary>
public sealed class EndpointLedger
{
    private readonly object gate = new();
    private readonly List<StoredRecord> records = new();
    private readonly Dictionary<string, StoredRecord> byReference = new(StringComparer.Ordinal);
    private long totalWh;
    private decimal totalCost;
    private int duplicates;
    private int conflicts;
    private int nonPersistent;
    private int submissions;

    /// <summary>Number of unique records stored.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return records.Count;
            }
        }
    }

    /// <summary>Number of persistent submissions accepted (unique plus duplicates).</summary>
    public int Submissions
    {
        get
        {
            lock (gate)
            {
                return submissions;
            }
        }
    }

    /// <summary>Number of submissions whose record_reference_id was already stored.</summary>
    public int Duplicates
    {
        get
        {
            lock (gate)
            {
                return duplicates;
            }
        }
    }

    /// <summary>Duplicates whose energy or period differed from the stored record (a client bug).</summary>
    public int ConflictingDuplicates
    {
        get
        {
            lock (gate)
            {
                return conflicts;
            }
        }
    }

    /// <summary>Number of non-persistent submissions (costed, not stored).</summary>
    public int NonPersistent
    {
        get
        {
            lock (gate)
            {
                return nonPersistent;
            }
        }
    }

    /// <summary>Sum of the unique records' energy in Wh.</summary>
    public long TotalWh
    {
        get
        {
            lock (gate)
            {
                return totalWh;
            }
        }
    }

    /// <summary>Sum of the unique records' cost.</summary>
    public decimal TotalCost
    {
        get
        {
            lock (gate)
            {
                return totalCost;
            }
        }
    }

    /// <summary>A copy of the unique records, in the order they first arrived.</summary>
    public StoredRecord[] Records()
    {
        lock (gate)
        {
            return records.ToArray();
        }
    }

    /// <summary>The stored record with this record_reference_id.</summary>
    public bool TryGet(string recordReferenceId, out StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(recordReferenceId);
        lock (gate)
        {
            return byReference.TryGetValue(recordReferenceId, out record);
        }
    }

    /// <summary>The unique records of one session, in the order they first arrived.</summary>
    public StoredRecord[] Session(string sessionReferenceId)
    {
        ArgumentNullException.ThrowIfNull(sessionReferenceId);
        lock (gate)
        {
            return records.FindAll(r => r.SessionReferenceId == sessionReferenceId).ToArray();
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        lock (gate)
        {
            records.Clear();
            byReference.Clear();
            totalWh = 0;
            totalCost = 0;
            duplicates = conflicts = nonPersistent = submissions = 0;
        }
    }

    /// <summary>Stores <paramref name="candidate"/>, or counts it as a duplicate of the stored one.</summary>
    /// <returns>The record as stored (the first one for a duplicate).</returns>
    internal StoredRecord Store(StoredRecord candidate, out bool duplicate)
    {
        lock (gate)
        {
            submissions++;
            if (candidate.RecordReferenceId != null && byReference.TryGetValue(candidate.RecordReferenceId, out StoredRecord existing))
            {
                duplicate = true;
                duplicates++;
                existing.Submissions++;
                if (existing.EnergyWh != candidate.EnergyWh || existing.Start != candidate.Start || existing.End != candidate.End
                    || existing.SessionReferenceId != candidate.SessionReferenceId)
                {
                    conflicts++;
                }

                return existing;
            }

            duplicate = false;
            records.Add(candidate);
            if (candidate.RecordReferenceId != null)
            {
                byReference.Add(candidate.RecordReferenceId, candidate);
            }

            totalWh += candidate.EnergyWh;
            totalCost += candidate.Cost;
            return candidate;
        }
    }

    internal void CountNonPersistent()
    {
        lock (gate)
        {
            nonPersistent++;
        }
    }
}
