package io.certeus.grid.ingest;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.grid.MemberStartupHook;
import io.certeus.grid.settings.SettingsSource;

/**
 * Installs the {@link IngestGate} when a member starts.
 *
 * <p>Thread-safe: stateless; called once per member from the plugin's start-up thread.
 */
public final class IngestStartupHook implements MemberStartupHook {
    @Override
    public String name() {
        return "ingest-gate";
    }

    @Override
    public void onMemberStarted(HazelcastInstance member, SettingsSource settings) {
        IngestGate.install(member, IngestSettings.from(settings));
    }
}
