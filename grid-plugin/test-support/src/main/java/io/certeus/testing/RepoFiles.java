package io.certeus.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of this repository (docs, vectors) for tests that check the code against them, found from
 * whichever module directory the test runs in.
 *
 * <p>Thread-safe: stateless.
 */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** {@code first/more...} under the nearest directory above the working directory that has it. */
    public static Path path(String first, String... more) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(Path.of(first, more));
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("repository file not found above the working directory: file="
                + Path.of(first, more) + ", workingDirectory=" + start);
    }
}
