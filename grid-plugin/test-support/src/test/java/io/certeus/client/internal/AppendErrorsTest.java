package io.certeus.client.internal;

import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.certeus.client.AppendOutcomeUnknownException;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClientException;
import io.certeus.client.NoMajorityException;
import io.certeus.core.protocol.AppendRefusedException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class AppendErrorsTest {
    @Test
    void aMemberWithoutMajorityIsATypedRetryableRefusal() {
        RuntimeException mapped = AppendErrors.toClientException(
                new CompletionException(new SplitBrainProtectionException("Split brain protection exception: certeus-majority has failed!")));
        assertThat(mapped).isInstanceOf(NoMajorityException.class).hasMessageContaining("no majority");
        assertThat(((CerteusClientException) mapped).isRetryable()).isTrue();
    }

    @Test
    void aClosedConnectionLeavesTheOutcomeUnknownAndTheResendSafe() {
        RuntimeException mapped = AppendErrors.toClientException(new TargetDisconnectedException("Connection closed by the other side"));
        assertThat(mapped).isInstanceOf(AppendOutcomeUnknownException.class).hasMessageContaining("resending the same event is safe");
        assertThat(((CerteusClientException) mapped).isRetryable()).isTrue();
    }

    @Test
    void backpressureStaysBackpressure() {
        RuntimeException mapped = AppendErrors.toClientException(new AppendRefusedException(3, "lane full", 250));
        assertThat(mapped).isInstanceOf(BackpressureException.class);
        assertThat(((BackpressureException) mapped).retryAfterMs()).isEqualTo(250);
    }

    @Test
    void anythingElseIsNotRetryable() {
        RuntimeException mapped = AppendErrors.toClientException(new IllegalStateException("boom"));
        assertThat(mapped).isExactlyInstanceOf(CerteusClientException.class);
        assertThat(((CerteusClientException) mapped).isRetryable()).isFalse();
    }
}
