package io.certeus.member;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.settings.SettingsSource;

/**
 * Work another module wants done when a member has started (for example starting the ledger job),
 * found with {@link java.util.ServiceLoader} so the core does not depend on those modules.
 *
 * <p>Implementations are called once per member, from one plugin thread, after the member started.
 */
public interface MemberStartupHook {
    /** Short name for logs. */
    String name();

    void onMemberStarted(HazelcastInstance member, SettingsSource settings) throws Exception;
}
