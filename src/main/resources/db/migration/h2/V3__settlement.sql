-- Clearing, settlement and payouts (PRODUCT.md §5). Amounts are minor units (fen); instants carry
-- their offset. V2 is the ledger index change of the throughput work.

-- The registry's merchants as settlement sees them, refreshed from cfg at every start. An account
-- number corrected through the admin API (PUT /api/merchants/{mid}/account) wins over the registry's.
CREATE TABLE merchants (
    mid                VARCHAR(15)  PRIMARY KEY,
    name               VARCHAR(100) NOT NULL,
    bank               VARCHAR(16)  NOT NULL,
    product            VARCHAR(2)   NOT NULL,        -- T1, D1, D0
    card_fee_bp        INT          NOT NULL,
    qr_fee_bp          INT          NOT NULL,
    registry_account   VARCHAR(34)  NOT NULL,
    corrected_account  VARCHAR(34),
    corrected_at       TIMESTAMP WITH TIME ZONE
);

-- One row per business date cleared; its presence is what makes clearing idempotent.
CREATE TABLE clearing_runs (
    business_date  DATE    PRIMARY KEY,
    cleared_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    merchants      INT     NOT NULL,
    transactions   BIGINT  NOT NULL
);

-- Per merchant, business date and currency: approved sales minus refunds; voided and reversed excluded.
CREATE TABLE clearing (
    business_date  DATE         NOT NULL,
    mid            VARCHAR(15)  NOT NULL,
    currency       CHAR(3)      NOT NULL,
    bank           VARCHAR(16)  NOT NULL,
    product        VARCHAR(2)   NOT NULL,
    sales_count    INT          NOT NULL,
    sales_amount   BIGINT       NOT NULL,
    refund_count   INT          NOT NULL,
    refund_amount  BIGINT       NOT NULL,
    card_fee       BIGINT       NOT NULL,
    qr_fee         BIGINT       NOT NULL,
    net            BIGINT       NOT NULL,            -- sales - fees - refunds
    PRIMARY KEY (business_date, mid, currency)
);

-- One payout per merchant, business date and currency, paid exactly once.
CREATE TABLE payouts (
    id               VARCHAR(40)  PRIMARY KEY,       -- PO-yyyymmdd-MID[-currency]
    mid              VARCHAR(15)  NOT NULL,
    bank             VARCHAR(16)  NOT NULL,
    business_date    DATE         NOT NULL,
    product          VARCHAR(2)   NOT NULL,
    tx_count         INT          NOT NULL,
    gross            BIGINT       NOT NULL,
    fee              BIGINT       NOT NULL,
    refunds          BIGINT       NOT NULL,
    net              BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    promised_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    scheduled_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    paid_at          TIMESTAMP WITH TIME ZONE,
    status           VARCHAR(10)  NOT NULL,          -- PENDING, QUEUED, HELD, RETURNED, PAID
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,       -- null when paid, or when only a release can move it
    CONSTRAINT ux_payouts_merchant_date UNIQUE (business_date, mid, currency)
);
CREATE INDEX ix_payouts_mid ON payouts (mid, business_date);
CREATE INDEX ix_payouts_status ON payouts (status);

-- The delay record: intervals laid end to end from promised_at; to_at null while still open.
CREATE TABLE payout_reasons (
    payout_id  VARCHAR(40)  NOT NULL,
    seq        INT          NOT NULL,
    code       VARCHAR(20)  NOT NULL,
    from_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    to_at      TIMESTAMP WITH TIME ZONE,
    detail     VARCHAR(200),
    fault_id   VARCHAR(64),
    PRIMARY KEY (payout_id, seq)
);
