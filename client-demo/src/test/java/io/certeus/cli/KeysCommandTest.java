package io.certeus.cli;

import io.certeus.core.sign.AnchorSigning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesAPairTheAnchorStoreAcceptsWithAnOwnerOnlyPrivateKey() throws Exception {
        CliRun run = CliRun.run("keys", "generate", "--out", dir.toString());
        assertThat(run.exitCode).as(run.err).isEqualTo(ExitCodes.OK);
        Path privateFile = dir.resolve("anchor-signing.key");
        PrivateKey privateKey = AnchorSigning.privateKey(Files.readAllBytes(privateFile));
        PublicKey publicKey = AnchorSigning.publicKey(Files.readAllBytes(dir.resolve("anchor-signing.pub")));
        assertThat(AnchorSigning.pairMatches(privateKey, publicKey)).isTrue();
        assertThat(run.out).contains("keyId=" + AnchorSigning.keyId(publicKey));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
    }

    @Test
    void neverOverwritesAKey() throws Exception {
        assertThat(CliRun.run("keys", "generate", "--out", dir.toString()).exitCode).isEqualTo(ExitCodes.OK);
        byte[] first = Files.readAllBytes(dir.resolve("anchor-signing.key"));
        CliRun again = CliRun.run("keys", "generate", "--out", dir.toString());
        assertThat(again.exitCode).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.err).contains("refusing to overwrite");
        assertThat(Files.readAllBytes(dir.resolve("anchor-signing.key"))).isEqualTo(first);
    }
}
