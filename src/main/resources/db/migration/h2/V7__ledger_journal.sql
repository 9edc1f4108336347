-- The ledger journal (io.acqsim.ledger.journal): how far its entries are applied to the tables above.
-- Updated in the same transaction as the changes it counts, so a restart applies each entry once.
CREATE TABLE ledger_journal (
    id           INT    PRIMARY KEY,
    applied_seq  BIGINT NOT NULL
);
INSERT INTO ledger_journal (id, applied_seq) VALUES (1, 0);
