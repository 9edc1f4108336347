-- Cluster mode (issue 15): several acqsim nodes on one PostgreSQL ledger. Cluster mode is PostgreSQL-only, so
-- these tables exist in db/migration/postgresql only (io.acqsim.cluster owns them, except bank_receipts and
-- bank_fence, which belong to the emulated settlement banks, io.acqsim.payout).

-- One row per node that ever ran on this ledger; a node is live while its heartbeat is recent and it has not
-- stopped (a node that stops gracefully sets stopped_at; one that dies just stops its heartbeat).
CREATE TABLE cluster_nodes (
    name                 VARCHAR(32)  PRIMARY KEY,
    started_at           TIMESTAMPTZ  NOT NULL,
    heartbeat_at         TIMESTAMPTZ  NOT NULL,
    stopped_at           TIMESTAMPTZ,
    admin_address        VARCHAR(300),
    cup_port             INT,
    iso87a_port          INT,
    terminals_connected  INT          NOT NULL DEFAULT 0,
    -- the business date this node has moved into, once requests stamped with the previous date are done
    -- (null until its first heartbeat after start); clearing of a date waits for every live node to pass it
    acknowledged_date    DATE
);

-- The settlement leader: exactly one row. The lease itself is a session-level advisory lock held by the leader's
-- connection; the epoch (fencing token) increases by one each time a node takes the lead.
CREATE TABLE cluster_leader (
    id           SMALLINT     PRIMARY KEY CHECK (id = 1),
    epoch        BIGINT       NOT NULL,
    node         VARCHAR(32),
    elected_at   TIMESTAMPTZ
);
INSERT INTO cluster_leader (id, epoch) VALUES (1, 0);

-- The simulated clock every node follows: simulated time = anchor_sim + (wall clock now - anchor_wall) * rate
-- (rate 0 = manual). Only the leader moves it; null anchor until the first node starts.
CREATE TABLE cluster_clock (
    id            SMALLINT          PRIMARY KEY CHECK (id = 1),
    mode          VARCHAR(40),
    anchor_sim    TIMESTAMPTZ,
    anchor_wall   TIMESTAMPTZ,
    rate          DOUBLE PRECISION,
    version       BIGINT            NOT NULL
);
INSERT INTO cluster_clock (id, version) VALUES (1, 0);

-- What the emulated settlement banks credited, each credit id once (the database twin of DATA/bank/receipts.log).
CREATE TABLE bank_receipts (
    credit_id    VARCHAR(80)  PRIMARY KEY,
    payout_id    VARCHAR(64)  NOT NULL,
    bank         VARCHAR(20)  NOT NULL,
    merchant_id  VARCHAR(15)  NOT NULL,
    amount       BIGINT       NOT NULL,
    currency     VARCHAR(3)   NOT NULL,
    credited_at  TIMESTAMPTZ  NOT NULL,
    epoch        BIGINT       NOT NULL,
    seq          BIGSERIAL    NOT NULL
);

-- The highest leader epoch the banks have seen: a credit carrying a lower one comes from a leader that was
-- replaced, and is refused.
CREATE TABLE bank_fence (
    id      SMALLINT  PRIMARY KEY CHECK (id = 1),
    epoch   BIGINT    NOT NULL
);
INSERT INTO bank_fence (id, epoch) VALUES (1, 0);
