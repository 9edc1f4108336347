package io.acqsim.fault;

import static io.acqsim.fault.FaultRig.addMaintenance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.fault.FaultRig.RawLink;
import io.acqsim.fault.FaultRig.Term;
import io.acqsim.iso.Profile;

/** Host maintenance windows: answered with their code (echo aside) and nothing recorded, or connections refused. */
class HostMaintenanceTest extends FaultHostTest {
    private static final Duration ANSWER = Duration.ofSeconds(5);

    @ParameterizedTest
    @CsvSource({"CUP, 91", "ISO87A, 91", "CUP, 96", "ISO87A, 96"})
    void everyRequestButTheEchoGetsTheMaintenanceCode(Profile p, String code) throws Exception {
        Term t = new Term(host, p, 10 + p.ordinal() + ("96".equals(code) ? 2 : 0));
        try (RawLink link = t.connect()) {
            t.signOn(link);
            addMaintenance(host, code, FaultRig.later());
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39), "before its window the host works");

            String id = addMaintenance(host, code, FaultRig.aroundNow());
            ISOMsg sale = t.purchase(1_000);
            assertEquals(code, link.exchange(sale, ANSWER).getString(39), "a purchase");
            assertEquals(code, link.exchange(t.rf.reversal(sale, false), ANSWER).getString(39), "a reversal");
            assertEquals(code, link.exchange(t.rf.signOn(t.nextStan(), t.batch), ANSWER).getString(39), "a sign-on");
            assertEquals("00", link.exchange(t.echo(), ANSWER).getString(39), "the echo: the host is up, its services are not");
            assertTrue(t.recordOf(sale).isEmpty(), "nothing reaches the ledger");
            assertEquals(1, host.services().ledger().transactions().stream().filter(r -> r.tid().equals(t.tid)).count(),
                    "only the sale from before the window");

            host.services().faults().remove(id);
            assertEquals("00", link.exchange(t.purchase(1_000), ANSWER).getString(39), "after the window");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void refusingConnections(Profile p) throws Exception {
        Term t = new Term(host, p, 20 + p.ordinal());
        try (RawLink before = t.connect()) {
            t.signOn(before);
            String id = addMaintenance(host, null, FaultRig.aroundNow());
            try (RawLink during = t.connect()) {
                assertTrue(during.closedByHost(ANSWER), "a new connection is reset as soon as it is accepted");
            }
            ISOMsg sale = t.purchase(1_000);
            before.send(sale);
            assertTrue(before.closedByHost(ANSWER), "an open connection is closed when it sends something");
            assertTrue(t.recordOf(sale).isEmpty());

            host.services().faults().remove(id);
        }
        try (RawLink after = t.connect()) {
            assertEquals("00", after.exchange(t.purchase(1_000), ANSWER).getString(39), "connections are accepted again");
        }
    }
}
