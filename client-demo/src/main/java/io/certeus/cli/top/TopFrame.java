package io.certeus.cli.top;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code certeus top} screen shows: where it looked, when, each member's view, and
 * the files it could not read.
 *
 * <p>Thread-safe: immutable.
 */
public final class TopFrame {
    private final Path directory;
    private final long nowMs;
    private final List<MemberView> members;
    private final List<String> unreadable;

    public TopFrame(Path directory, long nowMs, List<MemberView> members, List<String> unreadable) {
        this.directory = directory;
        this.nowMs = nowMs;
        this.members = List.copyOf(members);
        this.unreadable = List.copyOf(unreadable);
    }

    public Path directory() {
        return directory;
    }

    public long nowMs() {
        return nowMs;
    }

    public List<MemberView> members() {
        return members;
    }

    public List<String> unreadable() {
        return unreadable;
    }
}
