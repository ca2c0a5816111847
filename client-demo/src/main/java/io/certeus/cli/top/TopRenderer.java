package io.certeus.cli.top;

import io.certeus.member.internal.counters.CerteusCounter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongBinaryOperator;
import java.util.function.ToLongFunction;

/**
 * Renders a {@link TopFrame} as plain text, no terminal codes: a header line, then three tables with
 * one row per member and a total row over the live members: rates per second, totals since each
 * member started, and state (lag, refusals, backlog, durable lag, anchor, cluster, job). A stale
 * member (no heartbeat for a while: stopped, killed or hung) shows its last values and no rates and is
 * left out of the totals.
 *
 * <p>Thread-safe: stateless.
 */
public final class TopRenderer {
    private static final String NONE = "-";
    /** Wide enough for the table headings ("SINCE START"). */
    private static final int MIN_NAME_WIDTH = 11;
    private static final int MAX_NAME_WIDTH = 40;

    private static final CerteusCounter[] RATES = {CerteusCounter.EVENTS_APPENDED, CerteusCounter.EVENTS_CHAINED,
        CerteusCounter.ENTRIES_COMMITTED, CerteusCounter.ROWS_STORED, CerteusCounter.EVENTS_REJECTED, CerteusCounter.BATCHES_REFUSED};
    private static final String[] RATE_HEADINGS = {"APPEND/s", "CHAIN/s", "COMMIT/s", "STORED/s", "REJECT/s", "REFUSE/s"};
    private static final CerteusCounter[] TOTALS = {CerteusCounter.EVENTS_APPENDED, CerteusCounter.EVENTS_CHAINED,
        CerteusCounter.ENTRIES_COMMITTED, CerteusCounter.ROWS_STORED, CerteusCounter.EVENTS_REJECTED,
        CerteusCounter.BATCHES_REFUSED, CerteusCounter.INGEST_LOST_GAPS};
    private static final String[] TOTAL_HEADINGS = {"APPENDED", "CHAINED", "COMMITTED", "STORED", "REJECTED", "REFUSED",
        "LOST-GAPS"};
    private static final String[] STATE_HEADINGS = {"LAG", "REFUSING", "ADMISSION", "DIRTY", "DURABLE-LAG", "ANCHOR",
        "CLUSTER", "MAJORITY", "JOB-RUNNING"};

    private TopRenderer() {
    }

    public static String render(TopFrame frame) {
        List<MemberView> members = frame.members();
        List<MemberView> live = members.stream().filter(m -> !m.stale()).toList();
        int nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(MIN_NAME_WIDTH,
                members.stream().mapToInt(m -> m.snapshot().memberName().length()).max().orElse(0)));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "certeus top  %s  dir=%s  members=%d (alive=%d, stale=%d)%n",
                Instant.ofEpochMilli(frame.nowMs()).truncatedTo(ChronoUnit.SECONDS), frame.directory(), members.size(),
                live.size(), members.size() - live.size()));
        if (members.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nno counters files in %s: members write them to certeus.counters.dir "
                    + "(started members only; run top on the members' host)%n", frame.directory()));
        } else {
            ratesTable(out, members, live, nameWidth);
            totalsTable(out, members, live, nameWidth);
            stateTable(out, members, live, nameWidth);
        }
        for (String problem : frame.unreadable()) {
            out.append("unreadable: ").append(problem).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void ratesTable(StringBuilder out, List<MemberView> members, List<MemberView> live, int nameWidth) {
        out.append(System.lineSeparator());
        List<String> heading = new ArrayList<>(List.of("PID", "STATE", "HEARTBEAT"));
        heading.addAll(List.of(RATE_HEADINGS));
        row(out, nameWidth, "MEMBER", heading);
        for (MemberView member : members) {
            List<String> cells = new ArrayList<>(List.of(Long.toString(member.snapshot().pid()),
                    member.stale() ? "STALE" : "alive", age(member.heartbeatAgeMs())));
            for (CerteusCounter counter : RATES) {
                cells.add(rate(member.ratePerSecond(counter)));
            }
            row(out, nameWidth, member.snapshot().memberName(), cells);
        }
        List<String> total = new ArrayList<>(List.of("", "", ""));
        for (CerteusCounter counter : RATES) {
            total.add(sumRates(live, counter));
        }
        row(out, nameWidth, "TOTAL", total);
    }

    private static void totalsTable(StringBuilder out, List<MemberView> members, List<MemberView> live, int nameWidth) {
        out.append(System.lineSeparator());
        row(out, nameWidth, "SINCE START", List.of(TOTAL_HEADINGS));
        for (MemberView member : members) {
            List<String> cells = new ArrayList<>();
            for (CerteusCounter counter : TOTALS) {
                cells.add(number(member.snapshot().value(counter)));
            }
            row(out, nameWidth, member.snapshot().memberName(), cells);
        }
        List<String> total = new ArrayList<>();
        for (CerteusCounter counter : TOTALS) {
            total.add(sum(live, counter));
        }
        row(out, nameWidth, "TOTAL", total);
    }

    private static void stateTable(StringBuilder out, List<MemberView> members, List<MemberView> live, int nameWidth) {
        out.append(System.lineSeparator());
        row(out, nameWidth, "STATE", List.of(STATE_HEADINGS));
        for (MemberView member : members) {
            row(out, nameWidth, member.snapshot().memberName(), List.of(
                    number(value(member, CerteusCounter.INGEST_LAG_MAX)),
                    number(value(member, CerteusCounter.LANES_REFUSING)),
                    flag(value(member, CerteusCounter.ADMISSION_REFUSING), "refusing", "ok"),
                    number(value(member, CerteusCounter.DIRTY_ENTRIES)),
                    number(value(member, CerteusCounter.DURABLE_LAG)),
                    number(value(member, CerteusCounter.NEWEST_ANCHOR)),
                    number(value(member, CerteusCounter.CLUSTER_MEMBERS)),
                    flag(value(member, CerteusCounter.MAJORITY), "yes", "NO"),
                    flag(value(member, CerteusCounter.JOB_RUNNING), "yes", "NO")));
        }
        long refusingAdmission = live.stream().filter(m -> value(m, CerteusCounter.ADMISSION_REFUSING) == 1).count();
        row(out, nameWidth, "TOTAL", List.of(
                max(live, CerteusCounter.INGEST_LAG_MAX),
                sum(live, CerteusCounter.LANES_REFUSING),
                live.isEmpty() ? NONE : refusingAdmission + " refusing",
                sum(live, CerteusCounter.DIRTY_ENTRIES),
                sum(live, CerteusCounter.DURABLE_LAG),
                max(live, CerteusCounter.NEWEST_ANCHOR),
                max(live, CerteusCounter.CLUSTER_MEMBERS),
                "", ""));
    }

    private static long value(MemberView member, CerteusCounter counter) {
        return member.snapshot().value(counter);
    }

    private static void row(StringBuilder out, int nameWidth, String name, List<String> cells) {
        String shown = name.length() > nameWidth ? name.substring(0, nameWidth - 1) + "~" : name;
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", shown));
        for (String cell : cells) {
            out.append(String.format(Locale.ROOT, " %11s", cell));
        }
        // No trailing blanks: frames compare and paste cleanly.
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append(System.lineSeparator());
    }

    private static String number(long value) {
        return value < 0 ? NONE : String.format(Locale.ROOT, "%,d", value);
    }

    private static String rate(Double perSecond) {
        return perSecond == null ? NONE : String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }

    private static String flag(long value, String one, String zero) {
        return value < 0 ? NONE : value == 0 ? zero : one;
    }

    private static String age(long ms) {
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0)
                : ms < 3_600_000 ? (ms / 60_000) + "m" : (ms / 3_600_000) + "h";
    }

    /** Sum over members that have the value; {@code -} when none has. */
    private static String sum(List<MemberView> members, CerteusCounter counter) {
        return aggregate(members, m -> value(m, counter), Long::sum);
    }

    private static String max(List<MemberView> members, CerteusCounter counter) {
        return aggregate(members, m -> value(m, counter), Math::max);
    }

    private static String aggregate(List<MemberView> members, ToLongFunction<MemberView> read, LongBinaryOperator combine) {
        Long result = null;
        for (MemberView member : members) {
            long value = read.applyAsLong(member);
            if (value >= 0) {
                result = result == null ? value : combine.applyAsLong(result, value);
            }
        }
        return result == null ? NONE : number(result);
    }

    private static String sumRates(List<MemberView> members, CerteusCounter counter) {
        Double total = null;
        for (MemberView member : members) {
            Double rate = member.ratePerSecond(counter);
            if (rate != null) {
                total = total == null ? rate : total + rate;
            }
        }
        return rate(total);
    }
}
