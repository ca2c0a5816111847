package io.certeus.pipeline.stage;

import io.certeus.core.model.RejectedEvent;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the validate, dedupe and chain stages emit for one item: the value the next stage takes, or
 * the record of a refusal for {@code certeus-rejected}. (A dropped repeat is no outcome: the stage
 * emits nothing.) The pipeline splits a stage's output by kind; outcomes travel only on local edges.
 *
 * @param <T> what a passed item carries on
 */
public sealed interface StageOutcome<T> permits StageOutcome.Passed, StageOutcome.Refused {

    static <T> StageOutcome<T> passed(T value) {
        return new Passed<>(value);
    }

    static <T> StageOutcome<T> refused(UUID recordId, RejectedEvent record) {
        return new Refused<>(recordId, record);
    }

    /** The item goes on. Thread-safe: immutable. */
    record Passed<T>(T value) implements StageOutcome<T> {
        public Passed {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The item stops here, recorded under {@code recordId}. Thread-safe: immutable. */
    record Refused<T>(UUID recordId, RejectedEvent record) implements StageOutcome<T> {
        public Refused {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(record, "record");
        }

        /** The entry the rejected sink writes. */
        public Map.Entry<UUID, RejectedEvent> entry() {
            return new AbstractMap.SimpleImmutableEntry<>(recordId, record);
        }
    }
}
