-- Cluster mode (io.acqsim.ledger.DatabaseCapture) reads a terminal's open-batch totals from this table at every
-- settlement (one host keeps them in memory): without this index that read would walk every transaction the
-- terminal ever made through the (tid, stan, request_key) constraint's index. PostgreSQL only: H2 ledgers never
-- run in cluster mode. The batch number leads: keyed (tid, batch_no), the index also matched the duplicate-request
-- lookup's tid, and on a young table PostgreSQL (with no statistics yet) planned that lookup through it, reading every
-- row of the terminal for each purchase until autovacuum first analysed the table (docs/BENCHMARKS.md, issue 15);
-- keyed (batch_no, tid), only the (tid, stan, request_key) constraint's index matches that lookup.
CREATE INDEX ix_transactions_batch ON transactions (batch_no, tid);

-- Nodes of a cluster issue RRNs from blocks of this sequence (block n: RRNs n * 10,000 + 1 on), so no two nodes
-- ever issue the same RRN; a ledger first written by one host is moved past its stored RRNs when a node opens it.
CREATE SEQUENCE ledger_rrn_blocks MINVALUE 0 START WITH 0;

-- Transactions are listed newest first by id. With ids handed out in cached blocks per session (V9: CACHE 1000), rows
-- inserted by several sessions at once — the writers of every node in cluster mode — would sort by which session
-- wrote them, not by when; one id at a time keeps the order the inserts ran in, for about a microsecond a row.
ALTER TABLE transactions ALTER COLUMN id SET CACHE 1;
