package io.certeus.member;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.settings.SettingsSource;

/** Test hook, listed in META-INF/services: leaves a marker in the member's user context when run. */
public final class RecordingStartupHook implements MemberStartupHook {
    static final String MARKER = "certeus.test.startup-hook-ran";

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void onMemberStarted(HazelcastInstance member, SettingsSource settings) {
        member.getUserContext().put(MARKER, member.getName());
    }
}
