package io.certeus.postgres;

import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;
import io.certeus.postgres.schema.LedgerTables;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the PostgreSQL MapStores, each declared once as a {@link Setting} (key, unit,
 * default, range; docs/SETTINGS.md is checked against them). Read from {@code certeus.pg.*} properties ({@code hazelcast.yaml} properties,
 * the map-store element's properties, system properties), each overridable by its environment
 * variable ({@code certeus.pg.url} -> {@code CERTEUS_PG_URL}). Checked once here and refused with
 * the key and the allowed range, never silently replaced. Credentials belong in the environment,
 * never in a committed file.
 *
 * <p>Thread-safe: immutable.
 */
public final class PostgresSettings {
    /** JDBC URL, {@code jdbc:postgresql://host:port/database}. Required. */
    public static final String URL = "certeus.pg.url";
    /** Database user. Default {@value #DEFAULT_USER}. */
    public static final String USER = "certeus.pg.user";
    public static final String DEFAULT_USER = "postgres";
    /** Database password; from the environment ({@code CERTEUS_PG_PASSWORD}). Default none. */
    public static final String PASSWORD = "certeus.pg.password";
    /** Schema holding the CERTEUS tables; created by the migrations. Default {@value #DEFAULT_SCHEMA}. */
    public static final String SCHEMA = "certeus.pg.schema";
    public static final String DEFAULT_SCHEMA = "certeus";
    /** Connections per member, shared by the ledger, anchor and rejected-event stores. Measured: docs/BENCHMARKS.md. */
    public static final String POOL_SIZE = "certeus.pg.pool.size";
    public static final int DEFAULT_POOL_SIZE = 4;
    /** Longest wait for a pooled connection, milliseconds. */
    public static final String CONNECTION_TIMEOUT_MS = "certeus.pg.pool.connection.timeout.ms";
    public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
    /** Longest wait on one socket read (a hung server), seconds; 0 = forever (not advised). */
    public static final String SOCKET_TIMEOUT_SECONDS = "certeus.pg.socket.timeout.seconds";
    public static final int DEFAULT_SOCKET_TIMEOUT_SECONDS = 120;
    /** Run the Flyway migrations when a store starts. */
    public static final String MIGRATE = "certeus.pg.migrate";
    public static final boolean DEFAULT_MIGRATE = true;
    /** First pause after a failed write, milliseconds; doubles per failure up to the maximum. */
    public static final String RETRY_INITIAL_BACKOFF_MS = "certeus.pg.retry.initial.backoff.ms";
    public static final long DEFAULT_RETRY_INITIAL_BACKOFF_MS = 100;
    /** Longest pause between write attempts while the database is unavailable, milliseconds. */
    public static final String RETRY_MAX_BACKOFF_MS = "certeus.pg.retry.max.backoff.ms";
    public static final long DEFAULT_RETRY_MAX_BACKOFF_MS = 5_000;
    /** COPY bytes buffered before they are sent, bytes. */
    public static final String COPY_CHUNK_BYTES = "certeus.pg.copy.chunk.bytes";
    public static final int DEFAULT_COPY_CHUNK_BYTES = 256 * 1024;
    /** Dirty (not yet stored) ledger entries a member may hold before appends are refused, entries. */
    public static final String BACKLOG_MAX_DIRTY_ENTRIES = "certeus.pg.backlog.max.dirty.entries";
    public static final long DEFAULT_BACKLOG_MAX_DIRTY_ENTRIES = 1_000_000;
    /** Longest wait for the shutdown flush of dirty entries, milliseconds. */
    public static final String SHUTDOWN_FLUSH_TIMEOUT_MS = "certeus.pg.shutdown.flush.timeout.ms";
    public static final long DEFAULT_SHUTDOWN_FLUSH_TIMEOUT_MS = 120_000;
    /** Whether {@code loadAllKeys} returns every stored key (the whole table is loaded when the map starts). */
    public static final String PRELOAD = "certeus.pg.preload";
    public static final boolean DEFAULT_PRELOAD = false;
    /** Ed25519 private key (PKCS#8, PEM or DER) the anchor store signs anchors with; none: anchors are not signed. */
    public static final String ANCHOR_SIGNING_KEY_FILE = "certeus.pg.anchor.signing.key.file";
    /** Its public key (X.509, PEM or DER), stored with each signature; required with the private key. */
    public static final String ANCHOR_PUBLIC_KEY_FILE = "certeus.pg.anchor.public.key.file";

    public static final Setting URL_SETTING = Setting.text(URL, null, "where the ledger is written: jdbc:postgresql://host:port/database");
    public static final Setting USER_SETTING = Setting.text(USER, DEFAULT_USER, "database user");
    public static final Setting PASSWORD_SETTING = Setting.text(PASSWORD, null, "password; set CERTEUS_PG_PASSWORD, never the YAML");
    public static final Setting SCHEMA_SETTING = Setting.text(SCHEMA, DEFAULT_SCHEMA, "schema of all tables; created by the migrations");
    public static final Setting POOL_SIZE_SETTING = Setting.wholeNumber(POOL_SIZE, "connections per member", DEFAULT_POOL_SIZE, 1, 64,
            "HikariCP pool shared by the member's stores");
    public static final Setting CONNECTION_TIMEOUT_MS_SETTING = Setting.wholeNumber(CONNECTION_TIMEOUT_MS, "ms",
            DEFAULT_CONNECTION_TIMEOUT_MS, 250, 60_000, "wait for a pooled connection");
    public static final Setting SOCKET_TIMEOUT_SECONDS_SETTING = Setting.wholeNumber(SOCKET_TIMEOUT_SECONDS, "s",
            DEFAULT_SOCKET_TIMEOUT_SECONDS, 0, 3_600, "one socket read (hung server); 0 = forever");
    public static final Setting MIGRATE_SETTING = Setting.bool(MIGRATE, DEFAULT_MIGRATE, "run Flyway migrations at store start");
    public static final Setting RETRY_INITIAL_BACKOFF_MS_SETTING = Setting.wholeNumber(RETRY_INITIAL_BACKOFF_MS, "ms",
            DEFAULT_RETRY_INITIAL_BACKOFF_MS, 1, 60_000, "first pause after a failed write, doubling");
    /** At least the initial backoff, checked when read. */
    public static final Setting RETRY_MAX_BACKOFF_MS_SETTING = Setting.wholeNumber(RETRY_MAX_BACKOFF_MS, "ms",
            DEFAULT_RETRY_MAX_BACKOFF_MS, 1, 300_000, "longest pause while the database is down");
    public static final Setting COPY_CHUNK_BYTES_SETTING = Setting.wholeNumber(COPY_CHUNK_BYTES, "bytes", DEFAULT_COPY_CHUNK_BYTES,
            4_096, 64 * 1024 * 1024, "COPY data buffered before sending");
    public static final Setting BACKLOG_MAX_DIRTY_ENTRIES_SETTING = Setting.wholeNumber(BACKLOG_MAX_DIRTY_ENTRIES,
            "entries per member", DEFAULT_BACKLOG_MAX_DIRTY_ENTRIES, 1, 1_000_000_000L,
            "unstored ledger entries before the member refuses appends");
    public static final Setting SHUTDOWN_FLUSH_TIMEOUT_MS_SETTING = Setting.wholeNumber(SHUTDOWN_FLUSH_TIMEOUT_MS, "ms",
            DEFAULT_SHUTDOWN_FLUSH_TIMEOUT_MS, 0, 3_600_000L, "longest shutdown flush");
    public static final Setting PRELOAD_SETTING = Setting.bool(PRELOAD, DEFAULT_PRELOAD, "load every stored key when the map starts");
    public static final Setting ANCHOR_SIGNING_KEY_FILE_SETTING = Setting.text(ANCHOR_SIGNING_KEY_FILE, null,
            "Ed25519 private key file anchors are signed with; unset: anchors are not signed");
    public static final Setting ANCHOR_PUBLIC_KEY_FILE_SETTING = Setting.text(ANCHOR_PUBLIC_KEY_FILE, null,
            "its public key file, stored with each signature");

    /** Every PostgreSQL setting, for docs checks. */
    public static final List<Setting> DECLARED = List.of(URL_SETTING, USER_SETTING, PASSWORD_SETTING, SCHEMA_SETTING, POOL_SIZE_SETTING,
            CONNECTION_TIMEOUT_MS_SETTING, SOCKET_TIMEOUT_SECONDS_SETTING, MIGRATE_SETTING, RETRY_INITIAL_BACKOFF_MS_SETTING,
            RETRY_MAX_BACKOFF_MS_SETTING, COPY_CHUNK_BYTES_SETTING, BACKLOG_MAX_DIRTY_ENTRIES_SETTING, SHUTDOWN_FLUSH_TIMEOUT_MS_SETTING,
            PRELOAD_SETTING, ANCHOR_SIGNING_KEY_FILE_SETTING, ANCHOR_PUBLIC_KEY_FILE_SETTING);

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final int poolSize;
    private final long connectionTimeoutMs;
    private final int socketTimeoutSeconds;
    private final boolean migrate;
    private final long retryInitialBackoffMs;
    private final long retryMaxBackoffMs;
    private final int copyChunkBytes;
    private final long backlogMaxDirtyEntries;
    private final long shutdownFlushTimeoutMs;
    private final boolean preload;
    private final String anchorSigningKeyFile;
    private final String anchorPublicKeyFile;

    private PostgresSettings(SettingsSource source) {
        this.url = URL_SETTING.readText(source);
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("postgres-settings: a jdbc:postgresql: URL is required: key=" + URL
                    + " (environment " + URL_SETTING.environmentName() + "), value=" + url);
        }
        this.user = USER_SETTING.readText(source);
        this.password = PASSWORD_SETTING.readText(source);
        this.schema = SCHEMA_SETTING.readText(source);
        new LedgerTables(schema);
        this.poolSize = POOL_SIZE_SETTING.readInt(source);
        this.connectionTimeoutMs = CONNECTION_TIMEOUT_MS_SETTING.readLong(source);
        this.socketTimeoutSeconds = SOCKET_TIMEOUT_SECONDS_SETTING.readInt(source);
        this.migrate = MIGRATE_SETTING.readBoolean(source);
        this.retryInitialBackoffMs = RETRY_INITIAL_BACKOFF_MS_SETTING.readLong(source);
        this.retryMaxBackoffMs = RETRY_MAX_BACKOFF_MS_SETTING.readLong(source, retryInitialBackoffMs);
        this.copyChunkBytes = COPY_CHUNK_BYTES_SETTING.readInt(source);
        this.backlogMaxDirtyEntries = BACKLOG_MAX_DIRTY_ENTRIES_SETTING.readLong(source);
        this.shutdownFlushTimeoutMs = SHUTDOWN_FLUSH_TIMEOUT_MS_SETTING.readLong(source);
        this.preload = PRELOAD_SETTING.readBoolean(source);
        this.anchorSigningKeyFile = ANCHOR_SIGNING_KEY_FILE_SETTING.readText(source);
        this.anchorPublicKeyFile = ANCHOR_PUBLIC_KEY_FILE_SETTING.readText(source);
        if ((anchorSigningKeyFile == null) != (anchorPublicKeyFile == null)) {
            throw new IllegalArgumentException("postgres-settings: anchor signing needs both key files: "
                    + ANCHOR_SIGNING_KEY_FILE + "=" + anchorSigningKeyFile + ", " + ANCHOR_PUBLIC_KEY_FILE + "=" + anchorPublicKeyFile);
        }
    }

    /** The anchor signing key's file, or {@code null} when anchors are not signed. */
    public String anchorSigningKeyFile() {
        return anchorSigningKeyFile;
    }

    /** The anchor signing public key's file, or {@code null} when anchors are not signed. */
    public String anchorPublicKeyFile() {
        return anchorPublicKeyFile;
    }

    /** Reads and checks every setting. */
    public static PostgresSettings from(SettingsSource source) {
        return new PostgresSettings(source);
    }

    /** From properties alone, ignoring the environment (tests, benchmarks, embedders). */
    public static PostgresSettings fromPropertiesOnly(Properties properties) {
        return new PostgresSettings(new SettingsSource(properties, Map.of()));
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** {@code null} when none is set. */
    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    public int poolSize() {
        return poolSize;
    }

    public long connectionTimeoutMs() {
        return connectionTimeoutMs;
    }

    public int socketTimeoutSeconds() {
        return socketTimeoutSeconds;
    }

    public boolean migrate() {
        return migrate;
    }

    public long retryInitialBackoffMs() {
        return retryInitialBackoffMs;
    }

    public long retryMaxBackoffMs() {
        return retryMaxBackoffMs;
    }

    public int copyChunkBytes() {
        return copyChunkBytes;
    }

    public long backlogMaxDirtyEntries() {
        return backlogMaxDirtyEntries;
    }

    public long shutdownFlushTimeoutMs() {
        return shutdownFlushTimeoutMs;
    }

    public boolean preload() {
        return preload;
    }

    /** Identity of the connection target (no password): stores of one member with equal identities share one pool. */
    public String poolIdentity() {
        return url + '|' + user + '|' + schema + '|' + poolSize;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresSettings{url=" + url + ", user=" + user + ", password=" + (password == null ? "unset" : "set")
                + ", schema=" + schema + ", poolSize=" + poolSize + ", connectionTimeoutMs=" + connectionTimeoutMs
                + ", socketTimeoutSeconds=" + socketTimeoutSeconds + ", migrate=" + migrate
                + ", retryInitialBackoffMs=" + retryInitialBackoffMs + ", retryMaxBackoffMs=" + retryMaxBackoffMs
                + ", copyChunkBytes=" + copyChunkBytes + ", backlogMaxDirtyEntries=" + backlogMaxDirtyEntries
                + ", shutdownFlushTimeoutMs=" + shutdownFlushTimeoutMs + ", preload=" + preload
                + ", anchorSigningKeyFile=" + anchorSigningKeyFile + '}';
    }
}
