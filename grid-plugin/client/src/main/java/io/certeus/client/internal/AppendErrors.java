package io.certeus.client.internal;

import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.certeus.client.AppendOutcomeUnknownException;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClientException;
import io.certeus.client.NoMajorityException;
import io.certeus.core.protocol.AppendRefusedException;
import io.certeus.core.retry.Causes;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the grid throws at an append into the client's typed exceptions.
 *
 * <p>Thread-safe: stateless.
 */
public final class AppendErrors {
    private AppendErrors() {
    }

    public static RuntimeException toClientException(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        CerteusClientException typed = Causes.find(cause, CerteusClientException.class);
        if (typed != null) {
            return typed;
        }
        if (AppendRefusedException.isAppendRefused(cause)) {
            return new BackpressureException("append refused by the grid: " + cause.getMessage(), retryAfterMs(cause), cause);
        }
        SplitBrainProtectionException noMajority = Causes.find(cause, SplitBrainProtectionException.class);
        if (noMajority != null) {
            return new NoMajorityException("append refused: no majority: " + noMajority.getMessage(), cause);
        }
        Throwable gone = Causes.findAny(cause, TargetDisconnectedException.class, MemberLeftException.class);
        if (gone != null) {
            return new AppendOutcomeUnknownException("append outcome unknown: the member left or the connection closed"
                    + " before it answered (resending the same event is safe): " + gone.getMessage(), cause);
        }
        return new CerteusClientException("append failed: " + cause, cause);
    }

    /**
     * The grid's hint when the refusal arrived as the exception itself (a member's own client);
     * 0 when it reached a remote client only as text, which is never parsed.
     */
    private static long retryAfterMs(Throwable refusal) {
        AppendRefusedException refused = Causes.find(refusal, AppendRefusedException.class);
        return refused == null ? 0 : refused.retryAfterMs();
    }
}
