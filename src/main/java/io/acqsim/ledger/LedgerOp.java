package io.acqsim.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/** One write to the ledger, applied by the group-commit writer inside a database transaction it owns. */
@FunctionalInterface
interface LedgerOp {
    void apply(Connection c) throws SQLException;
}
