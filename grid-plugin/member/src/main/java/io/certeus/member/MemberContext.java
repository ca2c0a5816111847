package io.certeus.member;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.member.internal.ingest.IngestLag;
import io.certeus.member.internal.ingest.IngestRefusals;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Everything CERTEUS keeps per member, in the member's user context: the ingest lag table, the
 * ingest refusals, the admission checks, and the modules' own per-member objects ({@link #extension}: the ingest gate,
 * the PostgreSQL pools, the metrics endpoint). Per member, never per JVM: several members in one
 * JVM (tests, the demo) never see each other's lag or backlog.
 *
 * <p>Thread-safe: {@link #of} is race-free (first writer wins); the parts are thread-safe.
 */
public final class MemberContext {
    public static final String USER_CONTEXT_KEY = "certeus.member-context";

    private final String memberName;
    private final IngestLag ingestLag = new IngestLag();
    private final AdmissionChecks admissionChecks = new AdmissionChecks();
    private final IngestRefusals ingestRefusals = new IngestRefusals();
    private final ConcurrentMap<Class<?>, Object> extensions = new ConcurrentHashMap<>();

    private MemberContext(String memberName) {
        this.memberName = memberName;
    }

    /** {@code member}'s context, created on first use by whoever asks first. */
    public static MemberContext of(HazelcastInstance member) {
        ConcurrentMap<String, Object> userContext = member.getUserContext();
        Object existing = userContext.get(USER_CONTEXT_KEY);
        if (existing instanceof MemberContext) {
            return (MemberContext) existing;
        }
        MemberContext created = new MemberContext(member.getName());
        Object raced = userContext.putIfAbsent(USER_CONTEXT_KEY, created);
        return raced instanceof MemberContext ? (MemberContext) raced : created;
    }

    /** Batches waiting per ingest lane, as this member (the owner of its lanes) estimates them. */
    public IngestLag ingestLag() {
        return ingestLag;
    }

    /** Ingest batches this member refused (backpressure), by reason. */
    public IngestRefusals ingestRefusals() {
        return ingestRefusals;
    }

    /** Conditions this member's appends must meet, contributed by other modules. */
    public AdmissionChecks admissionChecks() {
        return admissionChecks;
    }

    /** This member's {@code type}, created by {@code factory} on first use (once, even when called concurrently). */
    public <T> T extension(Class<T> type, Supplier<T> factory) {
        return type.cast(extensions.computeIfAbsent(type, t -> factory.get()));
    }

    /** This member's {@code type} if one was created, else {@code null}. */
    public <T> T extensionIfPresent(Class<T> type) {
        return type.cast(extensions.get(type));
    }

    @Override
    public String toString() {
        return "MemberContext{member=" + memberName + '}';
    }
}
