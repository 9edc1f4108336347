package io.acqsim.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.jpos.iso.ISOMsg;
import org.jpos.util.LogEvent;
import org.junit.jupiter.api.Test;

/** Found by the network fuzz test: every cup batch upload wrote its rows' PANs to the message log in full. */
class UploadRowsMaskingTest {
    private static final String PAN = "6222021234567890123";

    @Test
    void uploadRowsKeepFirstSixAndLastFourOfEachPanInACopy() throws Exception {
        String rows = "02" + "00" + "000003" + "0" + PAN + "000000012345" + "00" + "000004" + "0000" + "6222020000000001" + "000000000100";
        ISOMsg m = new ISOMsg("0320");
        m.set(48, rows);
        LogEvent ev = new LogEvent("receive", m);
        new UploadRowsMasking().log(ev);
        ISOMsg logged = (ISOMsg) ev.getPayLoad().getFirst();
        assertNotSame(m, logged, "the host's own message must not be changed");
        assertEquals(rows, m.getString(48));
        String masked = logged.getString(48);
        assertEquals("02" + "00" + "000003" + "0" + "622202_________0123" + "000000012345" + "00" + "000004" + "0000" + "622202______0001" + "000000000100", masked);
        assertFalse(masked.contains(PAN));
    }

    @Test
    void settlementTotalsAndOtherFieldsAreLeftAlone() throws Exception {
        ISOMsg m = new ISOMsg("0500");
        m.set(48, "0000000128450020000000001000010");
        LogEvent ev = new LogEvent("receive", m);
        new UploadRowsMasking().log(ev);
        assertSame(m, ev.getPayLoad().getFirst());
    }
}
