package io.certeus.cli.demo;

import io.certeus.client.EventBuilder;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/**
 * A realistic stream of legal-case events: many cases, each moving through its lifecycle in order
 * (created, bundles submitted and validated, verification, redaction, publication, release,
 * archive), with court-like payloads, document hashes for bundles and the occasional error.
 *
 * <p>Not thread-safe: one generator per producing thread.
 */
public final class CaseWorkload {
    private static final String[] COURTS = {"CIV", "CRM", "FAM", "ADM", "COM", "LAB", "TAX", "ENV"};
    private static final String[] ACTORS = {"clerk.adams@court.example", "clerk.baker@court.example",
        "judge.chen@court.example", "registrar.diaz@court.example", "counsel.evans@lawfirm.example",
        "validator-service", "publisher-service"};
    private static final EventType[] LIFECYCLE = {
        EventType.CASE_CREATED, EventType.BUNDLE_SUBMITTED, EventType.BUNDLE_VALIDATED, EventType.CASE_UPDATED,
        EventType.BUNDLE_SUBMITTED, EventType.BUNDLE_VALIDATED, EventType.VERIFICATION_REQUESTED,
        EventType.VERIFICATION_COMPLETED, EventType.REDACTION_APPLIED, EventType.BUNDLE_PUBLISHED,
        EventType.PUBLIC_RELEASED, EventType.CASE_UPDATED, EventType.ARCHIVE_INITIATED,
    };

    private final Random random;
    private final String[] caseIds;
    private final int[] step;
    private final Instant start;
    private long produced;

    public CaseWorkload(int cases, long seed, Instant start) {
        if (cases < 1 || cases > 1_000_000) {
            throw new IllegalArgumentException("case count out of range: cases=" + cases + ", allowed=[1, 1000000]");
        }
        this.random = new Random(seed);
        this.caseIds = new String[cases];
        this.step = new int[cases];
        this.start = start;
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < cases; i++) {
            String caseId;
            do {
                caseId = COURTS[random.nextInt(COURTS.length)] + "-" + String.format("%06d", random.nextInt(1_000_000));
            } while (!used.add(caseId));
            caseIds[i] = caseId;
        }
    }

    public int caseCount() {
        return caseIds.length;
    }

    /** The next event: a random case moves one step through its lifecycle. */
    public Event next() {
        int index = random.nextInt(caseIds.length);
        String caseId = caseIds[index];
        int s = step[index]++;
        EventType type = random.nextInt(200) == 0 ? EventType.ERROR_LOGGED : LIFECYCLE[s % LIFECYCLE.length];
        Instant occurredAt = start.plusMillis(produced++ * 3 + random.nextInt(3));
        EventBuilder builder = EventBuilder.event(caseId, type)
                .actor(ACTORS[random.nextInt(ACTORS.length)])
                .sourceIp("10." + random.nextInt(4) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)))
                .occurredAt(occurredAt)
                .payload(payload(caseId, type, s));
        if (type == EventType.BUNDLE_SUBMITTED || type == EventType.BUNDLE_PUBLISHED) {
            builder.documentHash(Hashes.sha256((caseId + "/bundle-" + s).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private String payload(String caseId, EventType type, int s) {
        switch (type) {
            case CASE_CREATED:
                return "{\"title\":\"" + caseId + " v. Municipality\",\"court\":\"District " + (1 + random.nextInt(12))
                        + "\",\"filedBy\":\"counsel\",\"priority\":\"" + (random.nextBoolean() ? "normal" : "urgent") + "\"}";
            case BUNDLE_SUBMITTED:
            case BUNDLE_PUBLISHED:
                return "{\"bundle\":\"bundle-" + s + ".pdf\",\"pages\":" + (1 + random.nextInt(400)) + ",\"mime\":\"application/pdf\"}";
            case BUNDLE_VALIDATED:
                return "{\"bundle\":\"bundle-" + (s - 1) + ".pdf\",\"checks\":[\"signature\",\"format\",\"virus\"],\"result\":\"ok\"}";
            case VERIFICATION_REQUESTED:
                return "{\"requestedBy\":\"court\",\"scope\":\"all-bundles\"}";
            case VERIFICATION_COMPLETED:
                return "{\"result\":\"consistent\",\"durationMs\":" + random.nextInt(5_000) + "}";
            case REDACTION_APPLIED:
                return "{\"fields\":[\"name\",\"address\"],\"reason\":\"privacy\",\"statute\":\"§ 12(3)\"}";
            case PUBLIC_RELEASED:
                return "{\"channel\":\"public-register\",\"embargoDays\":0}";
            case ARCHIVE_INITIATED:
                return "{\"retentionYears\":" + (10 + random.nextInt(20)) + "}";
            case ERROR_LOGGED:
                return "{\"code\":\"E" + (100 + random.nextInt(900)) + "\",\"message\":\"upstream timeout, retried\"}";
            default:
                return "{\"note\":\"status update\",\"step\":" + s + "}";
        }
    }
}
