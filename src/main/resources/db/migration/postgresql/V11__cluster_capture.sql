-- Cluster mode (io.acqsim.ledger.DatabaseCapture) reads a terminal's open-batch totals from this table at every
-- settlement (one host keeps them in memory): without this index that read would walk every transaction the
-- terminal ever made through the (tid, stan, request_key) constraint's index. PostgreSQL only: H2 ledgers never
-- run in cluster mode.
CREATE INDEX ix_transactions_batch ON transactions (tid, batch_no);
