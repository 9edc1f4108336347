package io.acqsim.ledger;

/**
 * How the ledger's write path is doing.
 *
 * @param writesPerGroup   writes made durable per journal append (group commit), since start
 * @param changesPerCommit journal entries applied to the tables per database commit, since start
 * @param behind           entries written to the journal and not yet applied to the tables
 * @param journalBytes     bytes the journal takes on disk now
 * @param bytesPerWrite    bytes appended to the journal per write since start (entry, header and checksum)
 * @param held             transactions held in memory because a change to them is not yet applied
 */
public record CaptureFigures(double writesPerGroup, double changesPerCommit, long behind, long journalBytes, double bytesPerWrite, int held) {
}
