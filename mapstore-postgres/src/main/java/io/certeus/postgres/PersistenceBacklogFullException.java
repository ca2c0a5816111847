package io.certeus.postgres;

/**
 * An append was refused because this member already holds as many not-yet-stored entries as it may
 * ({@code certeus.pg.backlog.max.dirty.entries}): PostgreSQL is slow or down. Retry later.
 *
 * <p>Thread-safe: immutable.
 */
public final class PersistenceBacklogFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long dirtyEntries;
    private final long maxDirtyEntries;

    public PersistenceBacklogFullException(String mapName, String memberName, long dirtyEntries, long maxDirtyEntries) {
        super("persistence backlog full, PostgreSQL is behind; retry later: map=" + mapName + ", member=" + memberName
                + ", dirtyEntries=" + dirtyEntries + ", maxDirtyEntries=" + maxDirtyEntries);
        this.dirtyEntries = dirtyEntries;
        this.maxDirtyEntries = maxDirtyEntries;
    }

    public long dirtyEntries() {
        return dirtyEntries;
    }

    public long maxDirtyEntries() {
        return maxDirtyEntries;
    }
}
