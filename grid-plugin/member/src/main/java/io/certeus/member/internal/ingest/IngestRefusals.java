package io.certeus.member.internal.ingest;

import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest batches this member refused since it started, by reason: its lane was at the lag limit, or
 * an admission check (the PostgreSQL backlog) refused every append. Refusals for want of a majority
 * happen in Hazelcast before the interceptor and are not counted here (the majority gauge shows them).
 *
 * <p>Thread-safe: adders, counted from partition threads, read by samplers.
 */
public final class IngestRefusals {
    private final LongAdder laneFull = new LongAdder();
    private final LongAdder admission = new LongAdder();

    void recordLaneFull() {
        laneFull.increment();
    }

    void recordAdmission() {
        admission.increment();
    }

    /** Batches refused because their lane had the most batches allowed waiting. */
    public long laneFull() {
        return laneFull.sum();
    }

    /** Batches refused by an admission check. */
    public long admission() {
        return admission.sum();
    }

    /** All refused batches. */
    public long total() {
        return laneFull() + admission();
    }
}
