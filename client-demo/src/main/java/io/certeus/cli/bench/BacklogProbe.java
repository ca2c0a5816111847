package io.certeus.cli.bench;

/**
 * Asks the grid how far it is behind the appends. Either call may take seconds under load; a probe
 * that fails answers -1.
 *
 * <p>Thread-safe: implementations are called from the {@link BacklogSampler}'s thread.
 */
public interface BacklogProbe {
    /** Events in the ingest map (acknowledged, not yet taken by the pipeline); -1 when the probe failed. */
    long ingestPending();

    /** Ledger entries the write-behind has not written to PostgreSQL yet, over all members; -1 when the probe failed. */
    long writeBehindDirty();
}
