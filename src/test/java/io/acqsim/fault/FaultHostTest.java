package io.acqsim.fault;

import org.junit.jupiter.api.AfterEach;

import io.acqsim.fault.FaultRig.Term;
import io.acqsim.host.SharedHostTest;
import io.acqsim.iso.Profile;

/** Base of the fault tests on the shared host: no fault outlives its test, and terminals as SharedHostTest numbers them. */
abstract class FaultHostTest extends SharedHostTest {
    @AfterEach
    void clearFaults() {
        host.services().faults().clear();
    }

    /** A raw-socket terminal: number {@code base} on cup, {@code base + 1} on iso87a. */
    static Term term(Profile p, int base) {
        return new Term(host, p, base + p.ordinal());
    }
}
