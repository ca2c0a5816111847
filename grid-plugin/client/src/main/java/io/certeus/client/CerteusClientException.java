package io.certeus.client;

/** Base of the typed failures the client API reports. */
public class CerteusClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CerteusClientException(String message) {
        super(message);
    }

    public CerteusClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether sending the same request again later may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
