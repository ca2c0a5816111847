package io.certeus.postgres;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.member.internal.metrics.HealthCheck;
import io.certeus.postgres.store.StoreResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether this member reaches the PostgreSQL its stores write to: every {@value #INTERVAL_MS} ms a
 * fresh connection (outside the pool, so a pool busy with a slow flush does not read as an outage, and
 * an idle member still notices one) runs {@code SELECT 1} against each target the member's stores use
 * (their own URL and user: the settings the stores were built with). Publishes gauges
 * {@code certeus.pg.up} (1/0) and {@code certeus.pg.probe.duration} and the health check
 * {@value #CHECK_NAME}; both read the last result, so scrapes and probes never wait for the database.
 *
 * <p>Thread-safe: one probe thread writes the volatile result; readers only read it.
 */
final class PostgresProbe implements HealthCheck, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresProbe.class);
    static final String CHECK_NAME = "postgres";
    static final long INTERVAL_MS = 5_000;
    /** Connect, login and query time-out of one probe. */
    static final int TIMEOUT_SECONDS = 3;
    /** A result older than this reads as a failure: the probe thread is stuck. */
    static final long STALE_AFTER_MS = 4 * INTERVAL_MS;

    private final HazelcastInstance member;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final ScheduledExecutorService prober;
    private volatile boolean up;
    private volatile String reason = "not probed yet";
    private volatile long probedAtNs;
    private volatile double durationSeconds = Double.NaN;
    private volatile boolean loggedDown;

    PostgresProbe(HazelcastInstance member, MeterRegistry registry) {
        this.member = member;
        this.registry = registry;
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certeus-pg-probe-" + member.getName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers the gauges and starts probing now. */
    void start() {
        meters.add(Gauge.builder("certeus.pg.up", this, p -> p.up ? 1 : 0).tag("member", member.getName())
                .description("1 when this member's last PostgreSQL probe (a fresh connection and SELECT 1, every "
                        + INTERVAL_MS / 1000 + " s) succeeded, else 0")
                .strongReference(true).register(registry));
        meters.add(Gauge.builder("certeus.pg.probe.duration", this, p -> p.durationSeconds).tag("member", member.getName())
                .baseUnit("seconds").description("time the last PostgreSQL probe took (connect, login, SELECT 1)")
                .strongReference(true).register(registry));
        prober.scheduleWithFixedDelay(this::probe, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** One probe of every target; public for tests through the package. */
    void probe() {
        if (!member.getLifecycleService().isRunning()) {
            return;
        }
        List<StoreResources> targets = StoreResources.Registry.of(member).all();
        long startNs = System.nanoTime();
        String failure = targets.isEmpty() ? "no PostgreSQL store started on this member" : null;
        for (StoreResources target : targets) {
            if (failure != null) {
                break;
            }
            failure = probe(target.settings());
        }
        durationSeconds = (System.nanoTime() - startNs) / 1e9;
        boolean nowUp = failure == null;
        reason = nowUp ? "SELECT 1 answered: targets=" + targets.size() + ", tookMs="
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) : failure;
        up = nowUp;
        probedAtNs = System.nanoTime();
        if (!nowUp && !loggedDown) {
            loggedDown = true;
            LOG.warn("postgres-probe: PostgreSQL unreachable: member={}, {}", member.getName(), failure);
        } else if (nowUp && loggedDown) {
            loggedDown = false;
            LOG.info("postgres-probe: PostgreSQL reachable again: member={}", member.getName());
        }
    }

    /** {@code null} when the target answers, else why not (key=value context, SQLSTATE when there is one). */
    private static String probe(PostgresSettings settings) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(settings.url());
        direct.setUser(settings.user());
        if (settings.password() != null) {
            direct.setPassword(settings.password());
        }
        direct.setConnectTimeout(TIMEOUT_SECONDS);
        direct.setLoginTimeout(TIMEOUT_SECONDS);
        direct.setSocketTimeout(TIMEOUT_SECONDS);
        direct.setApplicationName(StoreResources.applicationName("probe", settings.schema()));
        try (Connection connection = direct.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            return "PostgreSQL unreachable: schema=" + settings.schema() + ", sqlState=" + e.getSQLState() + ", error="
                    + e.getMessage();
        } catch (RuntimeException e) {
            return "PostgreSQL probe failed: schema=" + settings.schema() + ", error=" + e;
        }
    }

    @Override
    public String name() {
        return CHECK_NAME;
    }

    @Override
    public Result check() {
        long at = probedAtNs;
        if (at == 0) {
            return Result.fail(reason);
        }
        long ageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
        if (ageMs > STALE_AFTER_MS) {
            return Result.fail("last PostgreSQL probe " + ageMs + " ms ago (probe stuck): " + reason);
        }
        return up ? Result.ok(reason) : Result.fail(reason);
    }

    boolean isUp() {
        return up;
    }

    @Override
    public void close() {
        prober.shutdownNow();
        meters.forEach(registry::remove);
    }
}
