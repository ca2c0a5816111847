package io.certeus.cli.demo;

/**
 * The demo's knobs, as the command line set them.
 *
 * <p>Not thread-safe: filled once, then read.
 */
public final class DemoOptions {
    public int members = 3;
    public long events = 20_000;
    public int cases = 500;
    public long seed = 42;
    public long waitSeconds = 600;
    public String schema;
}
