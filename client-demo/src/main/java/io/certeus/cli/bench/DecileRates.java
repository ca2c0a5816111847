package io.certeus.cli.bench;

/**
 * Rates over the first and the last tenth of a run's events, from sampled completion times (durable
 * in PostgreSQL), all as nanoseconds after the run's first intended send. The first {@code k} events
 * count as done at the latest completion among the samples with index below {@code k}. The first
 * tenth's rate is {@code n/10} events over the time from the start to that moment; the last tenth's
 * is the remaining events over the time from the moment the first nine tenths were done to the end
 * (when every event was done: the later of {@code endOffsetNs} and the last sample, since samples and
 * the end are observed by different polls).
 *
 * <p>Thread-safe: static functions only.
 */
public final class DecileRates {
    private DecileRates() {
    }

    /** {first, last} decile rate, events per second; {@code NaN} where the samples cannot tell. */
    public static double[] compute(long events, long[] sampleIndex, long[] sampleDoneOffsetNs, long endOffsetNs) {
        if (sampleIndex.length != sampleDoneOffsetNs.length) {
            throw new IllegalArgumentException("sample arrays differ in length: indexes=" + sampleIndex.length
                    + ", times=" + sampleDoneOffsetNs.length);
        }
        if (events < 10 || endOffsetNs <= 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long firstTenth = events / 10;
        long nineTenths = events - firstTenth;
        long firstDoneNs = doneBy(firstTenth, sampleIndex, sampleDoneOffsetNs);
        long nineDoneNs = doneBy(nineTenths, sampleIndex, sampleDoneOffsetNs);
        long endNs = Math.max(endOffsetNs, doneBy(Long.MAX_VALUE, sampleIndex, sampleDoneOffsetNs));
        double first = firstDoneNs <= 0 ? Double.NaN : firstTenth / (firstDoneNs / 1e9);
        double last = nineDoneNs <= 0 || endNs <= nineDoneNs ? Double.NaN
                : (events - nineTenths) / ((endNs - nineDoneNs) / 1e9);
        return new double[] {first, last};
    }

    /** The latest completion among samples with index below {@code count}; 0 without any. */
    static long doneBy(long count, long[] sampleIndex, long[] sampleDoneOffsetNs) {
        long latest = 0;
        for (int i = 0; i < sampleIndex.length; i++) {
            if (sampleIndex[i] < count) {
                latest = Math.max(latest, sampleDoneOffsetNs[i]);
            }
        }
        return latest;
    }
}
