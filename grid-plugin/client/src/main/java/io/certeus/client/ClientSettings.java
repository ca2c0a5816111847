package io.certeus.client;

/**
 * Settings of {@link CerteusClient}, each with its unit and default, checked when built.
 *
 * <p>Thread-safe: immutable.
 */
public final class ClientSettings {
    /** Most events accepted by {@code append} and not yet acknowledged by the grid. */
    public static final int DEFAULT_MAX_IN_FLIGHT_EVENTS = 50_000;
    /** Most events in one flush (one call per member, one ingest batch per lane). */
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    /**
     * Longest wait of a queued event for more events to share its flush, in milliseconds; 0 sends
     * whatever is queued at once. Bigger flushes pack more events per ingest lane batch (measured
     * in docs/BENCHMARKS.md); a full batch ({@link #DEFAULT_BATCH_SIZE}) is sent without waiting.
     */
    public static final long DEFAULT_LINGER_MS = 10;
    /** Most flushes awaiting the grid at once. */
    public static final int DEFAULT_MAX_CONCURRENT_BATCHES = 8;
    /** How long {@code append} waits for room when the in-flight limit is reached, in milliseconds; 0 refuses at once. */
    public static final long DEFAULT_ADMIT_WAIT_MS = 0;
    /** How long an append may take until the grid acknowledges it, in milliseconds. */
    public static final long DEFAULT_APPEND_TIMEOUT_MS = 30_000;
    /** How long {@code receipt} and {@code proof} wait for the pipeline, in milliseconds. */
    public static final long DEFAULT_RECEIPT_TIMEOUT_MS = 30_000;
    /** When {@link CerteusClient#append(io.certeus.core.model.Event)} completes: when the grid holds the event. */
    public static final Durability DEFAULT_DURABILITY = Durability.GRID;
    /** Longest wait for an acknowledged event to be committed in PostgreSQL ({@link Durability#POSTGRES}). */
    public static final long DEFAULT_DURABLE_TIMEOUT_MS = 60_000;

    private final int maxInFlightEvents;
    private final int batchSize;
    private final int maxConcurrentBatches;
    private final long lingerMs;
    private final long admitWaitMs;
    private final long appendTimeoutMs;
    private final long receiptTimeoutMs;
    private final Durability durability;
    private final long durableTimeoutMs;

    private ClientSettings(Builder builder) {
        this.maxInFlightEvents = check("maxInFlightEvents", builder.maxInFlightEvents, 1, 10_000_000);
        this.batchSize = check("batchSize", builder.batchSize, 1, 100_000);
        this.maxConcurrentBatches = check("maxConcurrentBatches", builder.maxConcurrentBatches, 1, 1024);
        this.lingerMs = checkLong("lingerMs", builder.lingerMs, 0, 10_000);
        this.admitWaitMs = check("admitWaitMs", builder.admitWaitMs, 0, 3_600_000);
        this.appendTimeoutMs = check("appendTimeoutMs", builder.appendTimeoutMs, 1, 3_600_000);
        this.receiptTimeoutMs = check("receiptTimeoutMs", builder.receiptTimeoutMs, 1, 3_600_000);
        if (builder.durability == null) {
            throw new IllegalArgumentException("client setting missing: durability (GRID or POSTGRES)");
        }
        this.durability = builder.durability;
        this.durableTimeoutMs = check("durableTimeoutMs", builder.durableTimeoutMs, 1, 3_600_000);
    }

    public static ClientSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static int check(String name, long value, long min, long max) {
        return (int) checkLong(name, value, min, max);
    }

    private static long checkLong(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("client setting out of range: " + name + "=" + value + ", allowed=[" + min
                    + ", " + max + "]");
        }
        return value;
    }

    public int maxInFlightEvents() {
        return maxInFlightEvents;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxConcurrentBatches() {
        return maxConcurrentBatches;
    }

    public long lingerMs() {
        return lingerMs;
    }

    public long admitWaitMs() {
        return admitWaitMs;
    }

    public long appendTimeoutMs() {
        return appendTimeoutMs;
    }

    public long receiptTimeoutMs() {
        return receiptTimeoutMs;
    }

    /** When a plain {@code append} completes. */
    public Durability durability() {
        return durability;
    }

    /** Longest wait, after the grid acknowledged an event, for it to be committed in PostgreSQL. */
    public long durableTimeoutMs() {
        return durableTimeoutMs;
    }

    /** Not thread-safe: build on one thread. */
    public static final class Builder {
        private long maxInFlightEvents = DEFAULT_MAX_IN_FLIGHT_EVENTS;
        private long batchSize = DEFAULT_BATCH_SIZE;
        private long maxConcurrentBatches = DEFAULT_MAX_CONCURRENT_BATCHES;
        private long lingerMs = DEFAULT_LINGER_MS;
        private long admitWaitMs = DEFAULT_ADMIT_WAIT_MS;
        private long appendTimeoutMs = DEFAULT_APPEND_TIMEOUT_MS;
        private long receiptTimeoutMs = DEFAULT_RECEIPT_TIMEOUT_MS;
        private Durability durability = DEFAULT_DURABILITY;
        private long durableTimeoutMs = DEFAULT_DURABLE_TIMEOUT_MS;

        public Builder maxInFlightEvents(int value) {
            maxInFlightEvents = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder maxConcurrentBatches(int value) {
            maxConcurrentBatches = value;
            return this;
        }

        public Builder lingerMs(long value) {
            lingerMs = value;
            return this;
        }

        public Builder admitWaitMs(long value) {
            admitWaitMs = value;
            return this;
        }

        public Builder appendTimeoutMs(long value) {
            appendTimeoutMs = value;
            return this;
        }

        public Builder receiptTimeoutMs(long value) {
            receiptTimeoutMs = value;
            return this;
        }

        public Builder durability(Durability value) {
            durability = value;
            return this;
        }

        public Builder durableTimeoutMs(long value) {
            durableTimeoutMs = value;
            return this;
        }

        public ClientSettings build() {
            return new ClientSettings(this);
        }
    }
}
