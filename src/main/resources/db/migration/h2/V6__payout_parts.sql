-- Daily account limits (DOMAIN.md §3: a Class II account takes at most ¥10,000 a day): a payout the
-- merchant's bank cannot credit whole is paid in parts on consecutive days, the excess rolling over.
-- Only a split payout has rows here, one per part including the last, so a merchant's credits on a
-- day are the whole payouts paid that day without parts plus the parts paid that day. Amounts are
-- minor units.
CREATE TABLE payout_parts (
    payout_id  VARCHAR(40)  NOT NULL,
    seq        INT          NOT NULL,                -- 0, 1, ... in the order they were paid
    amount     BIGINT       NOT NULL,
    paid_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (payout_id, seq),
    CONSTRAINT fk_payout_parts_payout FOREIGN KEY (payout_id) REFERENCES payouts (id)
);
