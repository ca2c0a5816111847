package io.certeus.core.retry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {
    @Test
    void findsAKindOfFailureThroughWrappers() {
        IOException root = new IOException("connection reset");
        Throwable wrapped = new CompletionException(new ExecutionException(root));
        assertThat(Causes.find(wrapped, IOException.class)).isSameAs(root);
        assertThat(Causes.find(wrapped, TimeoutException.class)).isNull();
        assertThat(Causes.findAny(wrapped, TimeoutException.class, ExecutionException.class)).isInstanceOf(ExecutionException.class);
        assertThat(Causes.findAny(null, IOException.class)).isNull();
    }
}
