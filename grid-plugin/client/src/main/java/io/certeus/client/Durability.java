package io.certeus.client;

/**
 * When an append counts as done. Chosen per call ({@link CerteusClient#append(io.certeus.core.model.Event, Durability)})
 * or as the client's default ({@link ClientSettings.Builder#durability}).
 */
public enum Durability {
    /**
     * The owning member and its backup hold the event in memory. Fast, but not yet durable: if every
     * member holding it dies before write-behind reaches PostgreSQL (about a second), it is lost.
     */
    GRID,
    /**
     * The event is chained and its ledger row is committed in PostgreSQL, with every earlier entry of
     * its shard: it survives every member dying at once. Completes with the receipt; costs the
     * write-behind delay (about a second) more than {@link #GRID}.
     */
    POSTGRES
}
