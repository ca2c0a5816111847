package io.certeus.cli.bench;

import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMonitorTest {
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long START_NS = 1_000 * SECOND_NS;

    private final AtomicLong clockNs = new AtomicLong(START_NS);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StepTallies tallies = new StepTallies();
    private final StepJudge judge = new StepJudge(new RateSchedule(100, 100, 10 * SECOND_NS), new StepRule(100, 1.0), true,
            START_NS, 60 * SECOND_NS, tallies, reason -> { });

    /** Probe calls after the first {@code quickCalls} block until released (or interrupted). */
    private static final class BlockingProbe implements BacklogProbe {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final int quickCalls;

        BlockingProbe(int quickCalls) {
            this.quickCalls = quickCalls;
        }

        @Override
        public long ingestPending() {
            if (calls.getAndIncrement() < quickCalls) {
                return 7;
            }
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public long writeBehindDirty() {
            return 8;
        }
    }

    private BenchMonitor monitor(BacklogSampler backlog) {
        BenchMonitor.Counters counters = new BenchMonitor.Counters() {
            @Override
            public long sent() {
                return 1_000;
            }

            @Override
            public long acked() {
                return 1_000;
            }

            @Override
            public long refusals() {
                return 0;
            }

            @Override
            public long chainedSamples() {
                return 5;
            }

            @Override
            public long durableSamples() {
                return 5;
            }
        };
        return new BenchMonitor(counters, new LatencyRecorder("ack"), new LatencyRecorder("chained"),
                new LatencyRecorder("durable"), backlog, judge, 200, new PrintStream(out, true, StandardCharsets.UTF_8),
                clockNs::get);
    }

    private void completeStep0() {
        StepTally step0 = tallies.of(0);
        for (int i = 0; i < 1_000; i++) {
            step0.onSent();
            step0.onAcked(0, TimeUnit.MILLISECONDS.toNanos(3));
        }
    }

    private static void awaitFirstReading(BacklogSampler backlog) throws Exception {
        Poll.until("first backlog reading", Backoff.fixed(1), 5_000, () -> backlog.latest() != null);
    }

    @Test
    @Timeout(10)
    void aBlockedProbeDelaysNeitherTheStatusLineNorTheJudgment() throws Exception {
        BlockingProbe probe = new BlockingProbe(0);
        BacklogSampler backlog = new BacklogSampler(probe, clockNs::get, SECOND_NS);
        BenchMonitor monitor = monitor(backlog);
        completeStep0();
        try {
            backlog.start();
            assertThat(probe.blocked.await(5, TimeUnit.SECONDS)).as("probe entered").isTrue();
            clockNs.set(START_NS + 10 * SECOND_NS);

            monitor.tick(clockNs.get());

            assertThat(monitor.steps()).extracting(StepOutcome::passed).containsExactly(true);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("bench: t=10.0s rate=200 ")
                    .contains("pending=n/a dirty=n/a")
                    .contains("bench: step=0 rate=100 sent=1000 unanswered=0");
        } finally {
            probe.release.countDown();
            backlog.close();
        }
    }

    @Test
    @Timeout(10)
    void showsTheAgeOfABacklogReadingOlderThanTwoSeconds() throws Exception {
        BlockingProbe probe = new BlockingProbe(1);
        BacklogSampler backlog = new BacklogSampler(probe, clockNs::get, TimeUnit.MILLISECONDS.toNanos(10));
        BenchMonitor monitor = monitor(backlog);
        clockNs.set(START_NS + SECOND_NS);
        try {
            backlog.start();
            awaitFirstReading(backlog); // started at 1 s on the test clock
            clockNs.set(START_NS + 4_500_000_000L);
            assertThat(probe.blocked.await(5, TimeUnit.SECONDS)).as("second probe entered").isTrue();

            monitor.tick(clockNs.get());

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("pending=7 dirty=8 probe_age_s=3.5");
        } finally {
            probe.release.countDown();
            backlog.close();
        }
    }
}
