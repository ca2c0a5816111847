package io.certeus.member.internal.metrics;

import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;

import java.util.List;

/**
 * The member count the grid needs for its current ingest rate (gauge
 * {@code certeus.scaling.recommended.members}): {@code ceil(rate / (capacity x utilisation))}, never
 * below the majority of the configured size (fewer members could not write at all) nor below 1.
 * Capacity is what one member sustains, measured by the load test (docs/BENCHMARKS.md); the target
 * utilisation leaves room to lose a member and absorb peaks. docs/OPERATIONS.md, "Scaling".
 *
 * <p>Thread-safe: immutable.
 */
public final class ScalingAdvice {
    public static final String MEMBER_CAPACITY = "certeus.scaling.member.capacity.events.per.second";
    /**
     * Default from docs/BENCHMARKS.md, "Where the rate tops out (1 member)": the step run
     * ({@code scripts/bench-e2e --step --start-rate 2000 --rate-step 1000 ...}, G1, SLO p99 ack 100 ms)
     * sustained 5,000 events/s on one member (2 cores, PostgreSQL on the same host).
     */
    public static final Setting MEMBER_CAPACITY_SETTING = Setting.wholeNumber(MEMBER_CAPACITY, "events/s per member", 5_000, 1,
            10_000_000, "events per second one member sustains within its latency objective (measured by the load test)");

    public static final String TARGET_UTILISATION_PERCENT = "certeus.scaling.target.utilisation.percent";
    public static final Setting TARGET_UTILISATION_PERCENT_SETTING = Setting.wholeNumber(TARGET_UTILISATION_PERCENT, "%", 70, 10,
            100, "share of the per-member capacity the recommendation plans to use");

    /** Every scaling setting, for docs checks. */
    public static final List<Setting> DECLARED = List.of(MEMBER_CAPACITY_SETTING, TARGET_UTILISATION_PERCENT_SETTING);

    private final long memberCapacityPerSecond;
    private final int targetUtilisationPercent;
    private final int minimumMembers;

    public ScalingAdvice(long memberCapacityPerSecond, int targetUtilisationPercent, int minimumMembers) {
        this.memberCapacityPerSecond = MEMBER_CAPACITY_SETTING.requireInRange(memberCapacityPerSecond);
        this.targetUtilisationPercent = (int) TARGET_UTILISATION_PERCENT_SETTING.requireInRange(targetUtilisationPercent);
        if (minimumMembers < 1) {
            throw new IllegalArgumentException("minimumMembers must be positive: minimumMembers=" + minimumMembers);
        }
        this.minimumMembers = minimumMembers;
    }

    /** From the member's settings; {@code minimumMembers} is the majority of the configured cluster size. */
    public static ScalingAdvice from(SettingsSource settings, int minimumMembers) {
        return new ScalingAdvice(MEMBER_CAPACITY_SETTING.readLong(settings), TARGET_UTILISATION_PERCENT_SETTING.readInt(settings),
                minimumMembers);
    }

    /** Members recommended for {@code eventsPerSecond} (negative or NaN rates count as 0). */
    public int recommendedMembers(double eventsPerSecond) {
        double rate = Double.isNaN(eventsPerSecond) || eventsPerSecond < 0 ? 0 : eventsPerSecond;
        double usablePerMember = memberCapacityPerSecond * (targetUtilisationPercent / 100.0);
        double needed = Math.ceil(rate / usablePerMember);
        return (int) Math.max(minimumMembers, Math.min(needed, Integer.MAX_VALUE));
    }

    public long memberCapacityPerSecond() {
        return memberCapacityPerSecond;
    }

    public int targetUtilisationPercent() {
        return targetUtilisationPercent;
    }

    public int minimumMembers() {
        return minimumMembers;
    }
}
