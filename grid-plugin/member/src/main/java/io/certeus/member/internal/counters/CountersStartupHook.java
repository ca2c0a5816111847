package io.certeus.member.internal.counters;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.certeus.core.settings.SettingsSource;
import io.certeus.member.MemberContext;
import io.certeus.member.MemberStartupHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Starts the member's counters file ({@link MemberCounters}) in {@code certeus.counters.dir} and
 * removes it when the member shuts down; found through {@code META-INF/services}. A file that cannot
 * be created is logged, never fatal: counters must not stop a member.
 *
 * <p>Thread-safe: called once per member from the plugin's start-up thread; the lifecycle listener
 * runs on the thread that shuts the member down.
 */
public final class CountersStartupHook implements MemberStartupHook {
    private static final Logger LOG = LoggerFactory.getLogger(CountersStartupHook.class);

    @Override
    public String name() {
        return "counters-file";
    }

    @Override
    public void onMemberStarted(HazelcastInstance member, SettingsSource settings) {
        Path directory = CountersSettings.directory(settings);
        MemberCounters counters;
        try {
            counters = MemberContext.of(member).extension(MemberCounters.class, () -> MemberCounters.start(member, directory));
        } catch (RuntimeException e) {
            LOG.warn("certeus counters: no counters file, `certeus top` will not see this member: member={}, dir={}",
                    member.getName(), directory, e);
            return;
        }
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                counters.close();
            }
        });
        LOG.info("certeus counters: file={}, member={}", counters.path(), member.getName());
    }
}
