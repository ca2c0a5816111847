package io.certeus.core.sign;

import io.certeus.core.hash.Hashes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnchorSigningTest {
    private static final KeyPair KEYS = AnchorSigning.generate();
    private static final byte[] ANCHOR_HASH = Hashes.sha256("anchor".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aSignatureVerifiesForItsAnchorOnly() {
        byte[] signature = AnchorSigning.sign(KEYS.getPrivate(), 7, ANCHOR_HASH);
        assertThat(AnchorSigning.verify(KEYS.getPublic(), 7, ANCHOR_HASH, signature)).isTrue();
        assertThat(AnchorSigning.verify(KEYS.getPublic(), 8, ANCHOR_HASH, signature)).as("other sequence").isFalse();
        byte[] otherHash = ANCHOR_HASH.clone();
        otherHash[31] ^= 1;
        assertThat(AnchorSigning.verify(KEYS.getPublic(), 7, otherHash, signature)).as("other hash").isFalse();
        assertThat(AnchorSigning.verify(AnchorSigning.generate().getPublic(), 7, ANCHOR_HASH, signature)).as("other key").isFalse();
        assertThat(AnchorSigning.verify(KEYS.getPublic(), 7, ANCHOR_HASH, new byte[3])).as("malformed").isFalse();
    }

    @Test
    void theSignedMessageIsTheDomainTheSequenceAndTheHash() {
        byte[] message = AnchorSigning.message(0x0102030405060708L, ANCHOR_HASH);
        assertThat(message).hasSize(28 + 8 + 32);
        assertThat(new String(message, 0, 28, StandardCharsets.US_ASCII)).isEqualTo("CERTEUS-ANCHOR-SIGNATURE-v1\0");
        assertThat(Hashes.hex(java.util.Arrays.copyOfRange(message, 28, 36))).isEqualTo("0102030405060708");
        assertThatThrownBy(() -> AnchorSigning.message(1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysRoundTripThroughPemAndDerAndKeepTheirId() {
        String keyId = AnchorSigning.keyId(KEYS.getPublic());
        assertThat(keyId).hasSize(64).isEqualTo(Hashes.hex(Hashes.sha256(KEYS.getPublic().getEncoded())));
        byte[] pem = AnchorSigning.pem(KEYS.getPublic()).getBytes(StandardCharsets.US_ASCII);
        assertThat(AnchorSigning.keyId(AnchorSigning.publicKey(pem))).isEqualTo(keyId);
        assertThat(AnchorSigning.keyId(AnchorSigning.publicKey(KEYS.getPublic().getEncoded()))).isEqualTo(keyId);
        byte[] privatePem = AnchorSigning.pem(KEYS.getPrivate()).getBytes(StandardCharsets.US_ASCII);
        assertThat(AnchorSigning.pairMatches(AnchorSigning.privateKey(privatePem), KEYS.getPublic())).isTrue();
        assertThat(AnchorSigning.pairMatches(KEYS.getPrivate(), AnchorSigning.generate().getPublic())).isFalse();
    }

    @Test
    void somethingThatIsNotAKeyIsRefusedWithTheReason() {
        assertThatThrownBy(() -> AnchorSigning.publicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519 public key");
        assertThatThrownBy(() -> AnchorSigning.privateKey(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519 private key");
    }
}
