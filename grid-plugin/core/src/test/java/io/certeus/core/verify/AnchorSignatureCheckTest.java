package io.certeus.core.verify;

import io.certeus.core.model.Anchor;
import io.certeus.core.sign.AnchorSigning;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnchorSignatureCheckTest {
    private static final KeyPair MEMBERS = AnchorSigning.generate();
    private static final KeyPair INTRUDER = AnchorSigning.generate();

    private static Anchor anchor(long sequence, int hashByte) {
        byte[] hash = new byte[32];
        hash[0] = (byte) hashByte;
        return new Anchor(sequence, 1_000, new byte[32], new byte[32], hash, new long[0], new byte[0]);
    }

    private static StoredSignature signature(KeyPair keys, long sequence, byte[] anchorHash) {
        return new StoredSignature(sequence, anchorHash, AnchorSigning.keyId(keys.getPublic()), keys.getPublic().getEncoded(),
                AnchorSigning.sign(keys.getPrivate(), sequence, anchorHash));
    }

    private static AnchorSignatureCheck pinned() {
        return new AnchorSignatureCheck(List.of(MEMBERS.getPublic()));
    }

    @Test
    void anAnchorRewrittenOverATrustedSignatureIsCaught() {
        Anchor original = anchor(0, 1);
        Anchor rewritten = anchor(0, 2);
        VerificationFailure failure = pinned().check(List.of(rewritten), List.of(signature(MEMBERS, 0, original.anchorHash()),
                signature(INTRUDER, 0, rewritten.anchorHash())));
        assertThat(failure).isNotNull();
        assertThat(failure.field()).isEqualTo("anchorHash");
        assertThat(failure.message()).contains("rewritten");
    }

    @Test
    void aSignedAnchorLostInACrashBeforeItWasStoredIsCountedNotReportedAsARewrite() {
        Anchor lost = anchor(0, 1);
        Anchor stored = anchor(0, 2);
        AnchorSignatureCheck check = pinned();
        VerificationFailure failure = check.check(List.of(stored), List.of(signature(MEMBERS, 0, lost.anchorHash()),
                signature(MEMBERS, 0, stored.anchorHash())));
        assertThat(failure).isNull();
        assertThat(check.signedButNeverStored()).isEqualTo(1);
        assertThat(check.signedAnchors()).isEqualTo(1);
    }
}
