package io.certeus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.cli.json.LedgerJson;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.core.verify.StoredSignature;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code certeus proof verify} on proof files built offline: trust, every field checked, malformed files; and help. */
class ProofVerifyCommandTest {
    private static final int SHARD = 417;

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ObjectNode proof;
    private static Anchor anchor;
    private static Path proofFile;

    @BeforeAll
    static void buildProof() throws Exception {
        List<LedgerEntry> chain = TestChains.chain(SHARD, 3, position -> TestEvents.event()
                .eventId(UUID.nameUUIDFromBytes(new byte[] {(byte) position}))
                .payload("{\"n\":" + position + ",\"t\":\"na\u00efve\"}").build());
        anchor = TestChains.anchorOver(4, 1_767_225_600_000_000L, Hashes.sha256(new byte[] {3}), List.of(TestChains.head(chain)));
        proof = new LedgerJson().proof(new ProofBuilder().build(anchor, chain.subList(1, chain.size())));
        proofFile = write("proof.json", proof);
    }

    private static Path write(String name, Object json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json instanceof String ? (String) json : JSON.writeValueAsString(json));
        return file;
    }

    private static Path mutated(String name, Consumer<ObjectNode> change) throws Exception {
        ObjectNode copy = proof.deepCopy();
        change.accept(copy);
        return write(name, copy);
    }

    private static ObjectNode firstEntry(ObjectNode node) {
        return (ObjectNode) node.get("segment").get(0);
    }

    @Test
    void withoutATrustedAnchorTheProofIsOnlyConsistent() {
        CliRun run = CliRun.run("proof", "verify", proofFile.toString());
        assertThat(run.exitCode).isEqualTo(ExitCodes.PROOF_NOT_ANCHORED);
        assertThat(run.out).startsWith("NOT ANCHORED: the proof is internally consistent but not anchored to anything trusted");
    }

    @Test
    void withThePublishedAnchorHashTheProofIsValid() {
        CliRun run = CliRun.run("proof", "verify", proofFile.toString(), "--anchor-hash", Hashes.hex(anchor.anchorHash()));
        assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
        assertThat(run.out).startsWith("VALID: eventId=").contains("anchored to the trusted anchor");
    }

    @Test
    void withAnAnchorExportTheProofsAnchorMustBeInIt() throws Exception {
        ObjectNode export = JSON.createObjectNode().put("format", "certeus-anchors").put("version", 1);
        export.putArray("anchors").add(new LedgerJson().anchor(anchor));
        assertThat(CliRun.run("proof", "verify", proofFile.toString(), "--anchors", write("anchors.json", export).toString()).exitCode)
                .isEqualTo(ExitCodes.OK);
        ObjectNode other = JSON.createObjectNode().put("format", "certeus-anchors").put("version", 1);
        other.putArray("anchors").addObject().put("sequence", 4).put("anchorHash", Hashes.hex(Hashes.sha256(new byte[] {1})));
        CliRun refused = CliRun.run("proof", "verify", proofFile.toString(), "--anchors", write("other.json", other).toString());
        assertThat(refused.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(refused.out).startsWith("INVALID: anchor is not the trusted one");
    }

    @Test
    void withTrustedKeysTheProofsAnchorMustBeSignedByOneInTheExport() throws Exception {
        KeyPair operator = AnchorSigning.generate();
        KeyPair intruder = AnchorSigning.generate();
        Path operatorKey = write("operator.pub", AnchorSigning.pem(operator.getPublic()));
        Path signedByOperator = write("signed.json", export(signature(operator)));
        Path signedByIntruder = write("intruder.json", export(signature(intruder)));
        Path unsigned = write("unsigned.json", export(List.of()));

        CliRun valid = CliRun.run("proof", "verify", proofFile.toString(), "--anchors", signedByOperator.toString(),
                "--trusted-key", operatorKey.toString());
        assertThat(valid.exitCode).isEqualTo(ExitCodes.OK);
        for (Path refused : List.of(signedByIntruder, unsigned)) {
            CliRun run = CliRun.run("proof", "verify", proofFile.toString(), "--anchors", refused.toString(),
                    "--trusted-key", operatorKey.toString());
            assertThat(run.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(run.out).startsWith("INVALID: the proof's anchor carries no valid signature by a trusted key");
        }
        assertThat(CliRun.run("proof", "verify", proofFile.toString(), "--anchor-hash", Hashes.hex(anchor.anchorHash()),
                "--trusted-key", operatorKey.toString()).exitCode).as("signatures come with an export").isEqualTo(ExitCodes.USAGE);
    }

    private static List<StoredSignature> signature(KeyPair keys) {
        return List.of(new StoredSignature(anchor.sequence(), anchor.anchorHash(), AnchorSigning.keyId(keys.getPublic()),
                keys.getPublic().getEncoded(), AnchorSigning.sign(keys.getPrivate(), anchor.sequence(), anchor.anchorHash())));
    }

    private static ObjectNode export(List<StoredSignature> signatures) {
        ObjectNode export = JSON.createObjectNode().put("format", "certeus-anchors").put("version", 1);
        export.putArray("anchors").add(new LedgerJson().anchor(anchor, signatures));
        return export;
    }

    @Test
    void aDifferentPublishedAnchorHashMakesTheProofInvalid() {
        CliRun run = CliRun.run("proof", "verify", proofFile.toString(), "--anchor-hash", Hashes.hex(Hashes.sha256(new byte[] {7})));
        assertThat(run.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    }

    @Test
    void payloadTextThatDiffersFromPayloadHexIsRefused() throws Exception {
        Path file = mutated("text.json", p -> firstEntry(p).put("payload", "{\"n\":1,\"t\":\"altered\"}"));
        CliRun run = CliRun.run("proof", "verify", file.toString(), "--anchor-hash", Hashes.hex(anchor.anchorHash()));
        assertThat(run.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err).contains("segment[0].payload differs from the text of payloadHex");
    }

    @Test
    void malformedProofFilesGetAClearErrorNamingTheField() throws Exception {
        assertMalformed(mutated("no-anchor.json", p -> p.remove("anchor")), "proof lacks a field: field=anchor");
        assertMalformed(mutated("anchor-null.json", p -> p.putNull("anchor")), "proof.anchor must be an object");
        assertMalformed(mutated("no-root.json", p -> ((ObjectNode) p.get("anchor")).remove("merkleRoot")),
                "anchor lacks a field: field=merkleRoot");
        assertMalformed(mutated("short-hash.json", p -> firstEntry(p).put("hash", "abcd")), "segment[0].hash has the wrong length");
        assertMalformed(mutated("text-seq.json", p -> ((ObjectNode) p.get("anchor")).put("sequence", "4")),
                "anchor.sequence must be an integer");
        assertMalformed(mutated("float-pos.json", p -> firstEntry(p).put("position", 1.5)), "segment[0].position must be an integer");
        assertMalformed(mutated("extra.json", p -> firstEntry(p).put("verified", true)), "segment[0] has an unknown field");
        assertMalformed(mutated("short-id.json", p -> firstEntry(p).put("eventId", "1-1-1-1-1")),
                "segment[0].eventId is not canonical UUID text");
        assertMalformed(mutated("empty.json", p -> p.putArray("segment")), "segment is empty");
        assertMalformed(mutated("version.json", p -> p.put("version", 2)), "unsupported proof version");
        assertMalformed(write("dup.json", JSON.writeValueAsString(proof).replaceFirst("\\{", "{\"version\":1,")), "Duplicate field 'version'");
        assertMalformed(write("truncated.json", JSON.writeValueAsString(proof).substring(0, 100)), "not valid JSON");
        assertMalformed(write("array.json", "[]"), "not a JSON object");
    }

    private static void assertMalformed(Path file, String message) {
        CliRun run = CliRun.run("proof", "verify", file.toString());
        assertThat(run.exitCode).as(file.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err).as(file.toString()).contains("malformed proof file").contains(message).doesNotContain("Exception");
    }

    @Test
    void groupCommandsAnswerHelp() {
        for (String group : new String[] {"proof", "anchors"}) {
            CliRun run = CliRun.run(group, "--help");
            assertThat(run.exitCode).as(group).isEqualTo(ExitCodes.OK);
            assertThat(run.out).as(group).contains("Usage: certeus " + group);
        }
        assertThat(CliRun.run("proof", "verify", "--help").out).contains("--anchor-hash").contains("6 internally consistent");
        assertThat(CliRun.run("proof").exitCode).isEqualTo(ExitCodes.USAGE);
    }
}
