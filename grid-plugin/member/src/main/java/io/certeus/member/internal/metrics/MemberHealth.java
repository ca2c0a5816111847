package io.certeus.member.internal.metrics;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.member.MemberContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A member's health: the {@link HealthCheck}s registered for it, evaluated together for
 * {@code GET /health} (ready only when every check is ok) and rendered as JSON. Liveness
 * ({@code GET /health/live}) is not a check: it is the member's lifecycle only, so a PostgreSQL
 * outage never restarts a member.
 *
 * <p>One per member ({@link #of}). Thread-safe: checks are in a copy-on-write list.
 */
public final class MemberHealth {
    private final String memberName;
    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

    private MemberHealth(String memberName) {
        this.memberName = memberName;
    }

    /** {@code member}'s health, created on first use. */
    public static MemberHealth of(HazelcastInstance member) {
        String name = member.getName();
        return MemberContext.of(member).extension(MemberHealth.class, () -> new MemberHealth(name));
    }

    /** Adds {@code check}; a check of the same name is replaced. */
    public void register(HealthCheck check) {
        checks.removeIf(existing -> existing.name().equals(check.name()));
        checks.add(check);
    }

    public void unregister(HealthCheck check) {
        checks.remove(check);
    }

    /** Every check's current result, in registration order; a check that throws fails with the exception. */
    public Report evaluate() {
        Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            HealthCheck.Result result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = HealthCheck.Result.fail("check failed: error=" + e);
            }
            results.put(check.name(), result);
        }
        return new Report(memberName, results);
    }

    /** One evaluation: healthy when there is at least one check and every check is ok. */
    public record Report(String member, Map<String, HealthCheck.Result> results) {
        public boolean healthy() {
            return !results.isEmpty() && results.values().stream().allMatch(HealthCheck.Result::ok);
        }

        /** The names of the failing checks. */
        public List<String> failing() {
            List<String> failing = new ArrayList<>();
            results.forEach((name, result) -> {
                if (!result.ok()) {
                    failing.add(name);
                }
            });
            return failing;
        }

        /**
         * {@code {"status":"UP"|"DOWN","member":...,"checks":{"name":{"status":"ok"|"fail","reason":...},...}}}.
         */
        public String toJson() {
            StringBuilder json = new StringBuilder(256);
            json.append("{\"status\":\"").append(healthy() ? "UP" : "DOWN").append("\",\"member\":");
            quote(json, member);
            json.append(",\"checks\":{");
            boolean first = true;
            for (Map.Entry<String, HealthCheck.Result> entry : results.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                quote(json, entry.getKey());
                json.append(":{\"status\":\"").append(entry.getValue().ok() ? "ok" : "fail").append("\",\"reason\":");
                quote(json, entry.getValue().reason());
                json.append('}');
            }
            return json.append("}}").toString();
        }
    }

    /** Appends {@code text} as a JSON string (RFC 8259 escapes). */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        String value = text == null ? "" : text;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
