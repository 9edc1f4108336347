package io.acqsim.ledger;

/** Where a ledger write is durable when it returns, and so where the hot path's lookups read. */
public enum Durability {
    /** One host: a group-committed journal file beside the tables, lookups from memory ({@code JournalCapture}). */
    JOURNAL,
    /**
     * Cluster mode: a group-committed transaction in the shared database (PostgreSQL), lookups from that database,
     * because one node's memory cannot see another node's writes.
     */
    DATABASE
}
