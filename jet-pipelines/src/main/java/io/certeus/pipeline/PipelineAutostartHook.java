package io.certeus.pipeline;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.settings.SettingsSource;
import io.certeus.member.MemberStartupHook;

/**
 * Starts the ledger job when a member starts, if {@value PipelineSettings#AUTOSTART} is true (the
 * default) and the job is not running. Every member tries; {@link LedgerJobs} starts it once.
 *
 * <p>Thread-safe: stateless; called once per member from the plugin's start-up thread.
 */
public final class PipelineAutostartHook implements MemberStartupHook {
    @Override
    public String name() {
        return "ledger-pipeline-autostart";
    }

    @Override
    public void onMemberStarted(HazelcastInstance member, SettingsSource settings) {
        PipelineSettings pipelineSettings = PipelineSettings.from(settings);
        if (pipelineSettings.autostart()) {
            LedgerJobs.startIfAbsent(member, pipelineSettings);
        }
    }
}
