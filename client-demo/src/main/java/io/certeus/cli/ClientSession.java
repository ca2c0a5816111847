package io.certeus.cli;

import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;

/**
 * Opens a {@link CerteusClient} for one command.
 *
 * <p>Thread-safe: stateless.
 */
final class ClientSession {
    private ClientSession() {
    }

    static CerteusClient open(GridOptions grid, long timeoutMs) {
        return CerteusClient.connect(grid.clientConfig(), ClientSettings.builder()
                .receiptTimeoutMs(timeoutMs)
                .appendTimeoutMs(timeoutMs)
                .build());
    }
}
