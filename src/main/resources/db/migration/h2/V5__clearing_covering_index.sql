-- Clearing reads, per business date, the kind, channel, currency and amount of every approved row.
-- With the V1 index (business_date, mid, status) H2 found the rows but fetched each whole row from
-- the table, one page read per transaction: 1,000,000 transactions took 25-40 CPU-seconds to clear.
-- This index holds every column the clearing aggregate reads, so the aggregate never touches the
-- table (docs/BENCHMARKS.md, "Clearing and settlement"). The leading columns are unchanged, so a
-- capture still touches the same index leaf; each entry is about 20 bytes longer.
DROP INDEX ix_transactions_clearing;
CREATE INDEX ix_transactions_clearing ON transactions (business_date, mid, status, kind, channel, currency, amount);
