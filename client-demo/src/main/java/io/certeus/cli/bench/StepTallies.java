package io.certeus.cli.bench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link StepTally} of every step that has events and is not judged yet, by step index.
 *
 * <p>Thread-safe: the sending thread creates tallies ({@link #of}), the judging thread reads and
 * removes them.
 */
public final class StepTallies {
    private final ConcurrentHashMap<Integer, StepTally> byStep = new ConcurrentHashMap<>();

    /** The tally of a step, created on first use. */
    public StepTally of(int step) {
        return byStep.computeIfAbsent(step, StepTally::new);
    }

    /** The tally of a step, {@code null} when none of its events was sent yet. */
    public StepTally peek(int step) {
        return byStep.get(step);
    }

    /** Forgets a judged step (answers still to come are recorded into a tally nobody reads). */
    public void remove(int step) {
        byStep.remove(step);
    }
}
