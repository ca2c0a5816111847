package io.certeus.postgres.store;

import io.certeus.core.model.Anchor;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.LedgerTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Signs anchors with the operator's Ed25519 key and records the signature in {@code anchor_signature}
 * before the anchor row is written. The key is read once from the files the settings name and
 * checked to be a pair; it never leaves the member.
 *
 * <p>Thread-safe: immutable; each call uses the connection it is given.
 */
final class AnchorSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final String insertSql;

    private AnchorSigner(PrivateKey privateKey, PublicKey publicKey, LedgerTables tables) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = AnchorSigning.keyId(publicKey);
        this.insertSql = "INSERT INTO " + tables.qualified(LedgerTables.ANCHOR_SIGNATURE)
                + " (sequence, anchor_hash, key_id, public_key, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    }

    /** The signer the settings configure, or {@code null} when they name no key (anchors are then not signed). */
    static AnchorSigner fromSettings(PostgresSettings settings, LedgerTables tables) {
        if (settings.anchorSigningKeyFile() == null) {
            return null;
        }
        PrivateKey privateKey = AnchorSigning.privateKey(read(settings.anchorSigningKeyFile(), PostgresSettings.ANCHOR_SIGNING_KEY_FILE));
        PublicKey publicKey = AnchorSigning.publicKey(read(settings.anchorPublicKeyFile(), PostgresSettings.ANCHOR_PUBLIC_KEY_FILE));
        if (!AnchorSigning.pairMatches(privateKey, publicKey)) {
            throw new IllegalArgumentException("postgres-store: anchor signing keys are not a pair: "
                    + PostgresSettings.ANCHOR_SIGNING_KEY_FILE + "=" + settings.anchorSigningKeyFile() + ", "
                    + PostgresSettings.ANCHOR_PUBLIC_KEY_FILE + "=" + settings.anchorPublicKeyFile());
        }
        return new AnchorSigner(privateKey, publicKey, tables);
    }

    private static byte[] read(String file, String key) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("postgres-store: anchor key file not readable: " + key + "=" + file + ", error=" + e, e);
        }
    }

    /** Signs {@code anchor} and records the signature (once: a repeat is a no-op). */
    void record(Connection connection, Anchor anchor) throws SQLException {
        byte[] signature = AnchorSigning.sign(privateKey, anchor.sequence(), anchor.anchorHash());
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            insert.setLong(1, anchor.sequence());
            insert.setBytes(2, anchor.anchorHash());
            insert.setString(3, keyId);
            insert.setBytes(4, publicKey.getEncoded());
            insert.setBytes(5, signature);
            insert.executeUpdate();
        }
    }

    String keyId() {
        return keyId;
    }
}
