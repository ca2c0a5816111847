package io.certeus.member.internal.counters;

/**
 * The counters a member keeps in its counters file, with stable Agrona type ids (the id names the
 * counter in the file: never reuse or renumber one; add new ones at the end) and labels. A
 * {@link Kind#TOTAL} only rises while the member runs, so a reader can compute its rate; a
 * {@link Kind#GAUGE} is a value now, {@link #NOT_AVAILABLE} when this member has no source for it
 * (no PostgreSQL store, no ledger job yet).
 *
 * <p>Thread-safe: immutable.
 */
public enum CerteusCounter {
    /** Events the ledger job's ingest stage read from this member's ingest lanes. */
    EVENTS_APPENDED(1001, Kind.TOTAL, "events appended (ingest stage)"),
    /** Events the chain stage gave a position and hash on this member. */
    EVENTS_CHAINED(1002, Kind.TOTAL, "events chained"),
    /** Ledger entries the commit stage wrote to the ledger map from this member. */
    ENTRIES_COMMITTED(1003, Kind.TOTAL, "entries committed"),
    /** Events the validate stage rejected on this member (invalid input). */
    EVENTS_REJECTED(1004, Kind.TOTAL, "events rejected (validate)"),
    /** Ledger rows this member's store newly wrote to PostgreSQL. */
    ROWS_STORED(1005, Kind.TOTAL, "ledger rows stored"),
    /** Ingest journal gaps the ingest stage met: acknowledged appends the job never read. Any rise is an incident. */
    INGEST_LOST_GAPS(1006, Kind.TOTAL, "ingest journal lost-event gaps"),
    /** The most batches waiting in any ingest lane this member owns (its lag estimate). */
    INGEST_LAG_MAX(2001, Kind.GAUGE, "ingest lag, max batches waiting over owned lanes"),
    /** Owned lanes at the lag limit: appends to them are refused (backpressure). */
    LANES_REFUSING(2002, Kind.GAUGE, "owned lanes refusing appends (at the lag limit)"),
    /** 1 while an admission check (the PostgreSQL backlog) refuses every append to this member. */
    ADMISSION_REFUSING(2003, Kind.GAUGE, "admission refusing appends (1/0)"),
    /** Ledger entries this member holds that PostgreSQL does not have yet. */
    DIRTY_ENTRIES(2004, Kind.GAUGE, "write-behind dirty ledger entries"),
    /** Entries of owned shards, up to the newest anchor's heads, that PostgreSQL does not hold yet. */
    DURABLE_LAG(2005, Kind.GAUGE, "durable watermark lag (entries, owned shards, to newest anchor)"),
    /** Sequence of the newest anchor in the grid, as this member last read it. */
    NEWEST_ANCHOR(2006, Kind.GAUGE, "newest anchor sequence"),
    /** Members in the cluster as this member sees it. */
    CLUSTER_MEMBERS(2007, Kind.GAUGE, "cluster members seen"),
    /** 1 while this member's side holds the configured majority (or none is configured), else 0: appends refused. */
    MAJORITY(2008, Kind.GAUGE, "majority (1/0)"),
    /** 1 while the ledger job is RUNNING as this member sees it. */
    JOB_RUNNING(2009, Kind.GAUGE, "ledger job running (1/0)"),
    /** Ingest batches this member refused for backpressure (lane at the lag limit, or admission). */
    BATCHES_REFUSED(1007, Kind.TOTAL, "ingest batches refused (backpressure)");

    /** Value of a gauge this member has no source for. */
    public static final long NOT_AVAILABLE = -1;

    /** How a value reads. */
    public enum Kind {
        /** Only rises while the member runs: has a rate. */
        TOTAL,
        /** A value now. */
        GAUGE
    }

    private static final CerteusCounter[] VALUES = values();

    private final int typeId;
    private final Kind kind;
    private final String label;

    CerteusCounter(int typeId, Kind kind, String label) {
        this.typeId = typeId;
        this.kind = kind;
        this.label = label;
    }

    public int typeId() {
        return typeId;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    /** The counter with {@code typeId}, or {@code null} for one this reader does not know (a newer member). */
    public static CerteusCounter ofTypeId(int typeId) {
        for (CerteusCounter counter : VALUES) {
            if (counter.typeId == typeId) {
                return counter;
            }
        }
        return null;
    }
}
