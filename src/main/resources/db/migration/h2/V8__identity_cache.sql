-- Identity values in blocks of 100,000 instead of H2's default 32 (docs/BENCHMARKS.md, "Ledger journal").
-- H2 persists an identity sequence each time its cache runs out, and with WRITE_DELAY 0 that is a commit
-- of its own, which writes every page the journal applier's open transaction has changed so far: with a
-- cache of 32 that was 93 % of the applier's insert time. A kill -9 may leave a gap in the ids, which
-- order rows and mean nothing else.
ALTER TABLE transactions ALTER COLUMN id SET CACHE 100000;
ALTER TABLE reversals ALTER COLUMN id SET CACHE 100000;
ALTER TABLE batch_uploads ALTER COLUMN id SET CACHE 100000;
