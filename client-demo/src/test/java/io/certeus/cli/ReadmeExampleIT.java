package io.certeus.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.EventBuilder;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.verify.ProofVerifier;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's client API example, compiled and run against a real grid with the ledger job. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReadmeExampleIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    @Test
    void readmeExampleRunsAndItsProofVerifies() {
        try (LedgerGridFixture fixture = new LedgerGridFixture(PG, 1, 5821)) {
            ClientConfig config = fixture.clientConfig(); // README: new ClientClasspathYamlConfig("certeus/hazelcast-client.yaml")

            // --- README example starts here ---
            try (CerteusClient certeus = CerteusClient.connect(config, ClientSettings.defaults())) {
                Event event = EventBuilder.event("CIV-004711", EventType.CASE_CREATED)
                        .actor("clerk.adams@court.example")
                        .payload("{\"title\":\"Smith v. Jones\"}")
                        .build();
                certeus.append(event).join();                         // BackpressureException when the grid pushes back
                Receipt receipt = certeus.receipt(event.eventId()).join();
                List<LedgerEntry> history = certeus.history("CIV-004711");
                InclusionProof proof = certeus.proof(event.eventId());
                byte[] trustedAnchorHash = publishedAnchorHash(config, proof.anchorSequence()); // README: publishedAnchorHash(seq)
                boolean proven = new ProofVerifier().verifyAgainst(proof, trustedAnchorHash).anchored();
                // --- README example ends here ---

                assertThat(receipt.caseId()).isEqualTo("CIV-004711");
                assertThat(history).extracting(e -> e.event().eventId()).containsExactly(event.eventId());
                assertThat(history.get(0).position()).isEqualTo(receipt.position());
                assertThat(proven).isTrue();
            }
        }
    }

    /** What an auditor publishes: the anchor's hash, read here from the grid, never from the proof. */
    private static byte[] publishedAnchorHash(ClientConfig config, long sequence) {
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            Anchor anchor = client.<Long, Anchor>getMap(MapNames.ANCHORS).get(sequence);
            assertThat(anchor).as("anchor %s", sequence).isNotNull();
            return anchor.anchorHash();
        } finally {
            client.shutdown();
        }
    }
}
