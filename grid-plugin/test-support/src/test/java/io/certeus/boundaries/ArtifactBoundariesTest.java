package io.certeus.boundaries;

import io.certeus.client.CerteusClient;
import io.certeus.core.model.Event;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The artifacts' dependency rules, checked on their compiled classes: an application that only
 * appends depends on certeus-client and certeus-core, so neither may refer to member, MapStore,
 * pipeline or CLI code. A class refers to another only through its constant pool, where the name
 * appears in internal form ({@code io/certeus/member/...}); a name used through reflection appears
 * in dotted form; both are searched for.
 */
class ArtifactBoundariesTest {
    private static final List<String> NOT_FOR_CLIENTS = List.of("io.certeus.member", "io.certeus.postgres",
            "io.certeus.pipeline", "io.certeus.cli", "io.certeus.testing");

    @Test
    void clientClassesReferToNoMemberSidePackage() throws Exception {
        assertThat(referencesTo(artifactOf(CerteusClient.class), NOT_FOR_CLIENTS)).isEmpty();
    }

    @Test
    void coreClassesReferToNeitherClientNorMemberSide() throws Exception {
        List<String> forbidden = new ArrayList<>(NOT_FOR_CLIENTS);
        forbidden.add("io.certeus.client");
        assertThat(referencesTo(artifactOf(Event.class), forbidden)).isEmpty();
    }

    @Test
    void theScanFindsAReferenceWhereThereIsOne() throws Exception {
        // The client does use core: if this found nothing, the scan would prove nothing above.
        assertThat(referencesTo(artifactOf(CerteusClient.class), List.of("io.certeus.core"))).isNotEmpty();
    }

    /** The classes directory or jar a class was loaded from. */
    private static Path artifactOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** "class -> package" for every class file under {@code artifact} naming one of {@code packages}. */
    private static List<String> referencesTo(Path artifact, List<String> packages) throws IOException {
        if (Files.isRegularFile(artifact)) {
            try (FileSystem jar = FileSystems.newFileSystem(artifact, Map.of())) {
                return referencesUnder(jar.getPath("/"), packages);
            }
        }
        return referencesUnder(artifact, packages);
    }

    private static List<String> referencesUnder(Path root, List<String> packages) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path classFile : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
                for (String pkg : packages) {
                    if (bytes.contains(pkg.replace('.', '/') + '/') || bytes.contains(pkg + '.')) {
                        found.add(root.relativize(classFile) + " -> " + pkg);
                    }
                }
            }
        }
        return found;
    }
}
