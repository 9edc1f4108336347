-- The ledger: what terminals did, as the host captured it. Amounts are minor units (fen).
-- Card data is never stored beyond the masked PAN (first 6 / last 4): no track 2, PIN block or CVV.

CREATE TABLE terminal_state (
    tid            VARCHAR(8)  PRIMARY KEY,
    mid            VARCHAR(15) NOT NULL,
    batch_no       INT         NOT NULL,          -- the terminal's open batch as the host counts it
    signed_on      BOOLEAN     NOT NULL DEFAULT FALSE,
    last_sign_on   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE batches (
    tid                  VARCHAR(8)  NOT NULL,
    batch_no             INT         NOT NULL,
    status               VARCHAR(20) NOT NULL,   -- OPEN, UPLOADING, CLOSED, CLOSED_UNBALANCED
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at            TIMESTAMP WITH TIME ZONE,
    terminal_sales_count INT,
    terminal_sales_amt   BIGINT,
    terminal_refund_count INT,
    terminal_refund_amt  BIGINT,
    host_sales_count     INT,
    host_sales_amt       BIGINT,
    host_refund_count    INT,
    host_refund_amt      BIGINT,
    uploaded_count       INT NOT NULL DEFAULT 0,
    PRIMARY KEY (tid, batch_no)
);

CREATE TABLE transactions (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    rrn              CHAR(12)    NOT NULL,
    kind             VARCHAR(16) NOT NULL,       -- PURCHASE, VOID, REFUND
    channel          VARCHAR(8)  NOT NULL,       -- CARD, QR
    profile          VARCHAR(8)  NOT NULL,
    mti              CHAR(4)     NOT NULL,
    processing_code  CHAR(6)     NOT NULL,
    tid              VARCHAR(8)  NOT NULL,
    mid              VARCHAR(15) NOT NULL,
    stan             CHAR(6)     NOT NULL,
    request_key      VARCHAR(16) NOT NULL,       -- field 7 (iso87a) or batch number (cup)
    batch_no         INT         NOT NULL,
    amount           BIGINT      NOT NULL,
    currency         CHAR(3)     NOT NULL,
    entry_mode       CHAR(3),
    pan_masked       VARCHAR(19),
    response_code    CHAR(2)     NOT NULL,
    auth_code        CHAR(6),
    status           VARCHAR(16) NOT NULL,       -- APPROVED, DECLINED, REVERSED, VOIDED
    original_rrn     CHAR(12),
    refunded_amount  BIGINT      NOT NULL DEFAULT 0,
    business_date    DATE        NOT NULL,
    captured_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ux_transactions_rrn UNIQUE (rrn),
    -- a retransmission (same TID, STAN, field 7 / batch) is never a second charge
    CONSTRAINT ux_transactions_request UNIQUE (tid, stan, request_key)
);
-- clearing reads approved sales and refunds per business date and merchant
CREATE INDEX ix_transactions_clearing ON transactions (business_date, mid, status);
-- terminal settlement totals per open batch
CREATE INDEX ix_transactions_batch ON transactions (tid, batch_no, status);

CREATE TABLE reversals (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    tid            VARCHAR(8)  NOT NULL,
    stan           CHAR(6)     NOT NULL,
    mti            CHAR(4)     NOT NULL,
    original_key   VARCHAR(40) NOT NULL,        -- TID|STAN|field 7 (or batch) of the reversed request
    original_rrn   CHAR(12),                    -- null when the original was unknown
    amount         BIGINT      NOT NULL,
    effect         VARCHAR(16) NOT NULL,        -- REVERSED, ALREADY, NOT_APPROVED, UNKNOWN, IN_FLIGHT
    response_code  CHAR(2)     NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_reversals_original ON reversals (original_key);

CREATE TABLE batch_uploads (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    tid          VARCHAR(8)  NOT NULL,
    batch_no     INT         NOT NULL,
    stan         CHAR(6)     NOT NULL,
    pan_masked   VARCHAR(19),
    amount       BIGINT      NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_batch_uploads_batch ON batch_uploads (tid, batch_no);
