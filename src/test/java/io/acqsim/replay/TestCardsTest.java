package io.acqsim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestCardsTest {

    @ParameterizedTest
    @ValueSource(strings = {"622202_________0123", "622202******0123", "411111XXXXXX1111", "622202_________0059", "62220200000___0000"})
    void aMaskedPanBecomesALuhnValidPanWithTheSameBinLastFourAndLength(String masked) {
        String pan = new TestCards().pan(masked);
        assertEquals(masked.length(), pan.length());
        assertEquals(masked.substring(0, 6), pan.substring(0, 6));
        assertEquals(masked.substring(masked.length() - 4), pan.substring(pan.length() - 4));
        assertTrue(TestCards.luhnValid(pan), pan + " passes Luhn");
    }

    @Test
    void theSameMaskedValueGetsTheSamePanEveryTimeOtherValuesOthers() {
        TestCards cards = new TestCards();
        String a = cards.pan("622202_________0123");
        assertEquals(a, cards.pan("622202_________0123"));
        assertEquals(a, new TestCards().pan("622202_________0123"), "the same in another run, too");
        assertNotEquals(a, cards.pan("622202_________0059"));
    }

    @Test
    void unmaskReplacesPanAndTrack2AndLeavesClearValuesAlone() {
        ISOMsg m = new ISOMsg();
        m.set(2, "622202_________0123");
        m.set(14, "2912");
        m.set(35, "622202_________0123=____________");
        assertEquals(2, new TestCards().unmask(m));
        String pan = m.getString(2);
        assertTrue(TestCards.luhnValid(pan));
        assertEquals(pan + "=2912101" + "0".repeat(5), m.getString(35), "track 2: same test PAN, expiry from 14, service code 101");

        ISOMsg clear = new ISOMsg();
        clear.set(2, "6222021234567890123");
        assertEquals(0, new TestCards().unmask(clear));
        assertEquals("6222021234567890123", clear.getString(2));
    }

    @Test
    void aTrack2MaskedWithoutItsSeparatorStillGivesAUsableTrack() {
        ISOMsg m = new ISOMsg();
        m.set(35, "622202___________________1000");
        new TestCards().unmask(m);
        String t = m.getString(35);
        assertTrue(t.matches("\\d{16}D\\d{7}"), t);
        assertTrue(TestCards.luhnValid(t.substring(0, 16)));
        assertFalse(TestCards.isMasked(t));
    }

    /** The message log masks the PANs of cup upload rows (UploadRowsMasking); replay sends test PANs in their place. */
    @Test
    void maskedUploadRowsGetTestPansAndKeepTheirLayout() {
        String masked = "02" + "00" + "000003" + "0" + "622202_________0123" + "000000012345" + "00" + "000004" + "0000" + "622202______0001" + "000000000100";
        ISOMsg m = new ISOMsg();
        m.set(48, masked);
        TestCards cards = new TestCards();
        assertEquals(1, cards.unmask(m));
        String rows = m.getString(48);
        assertEquals(masked.length(), rows.length());
        assertTrue(rows.matches("\\d+"), rows);
        assertEquals(cards.pan("622202_________0123"), rows.substring(11, 30), "the same test PAN as field 2 of the purchase");
        assertTrue(TestCards.luhnValid(rows.substring(50, 70).replaceFirst("^0+", "")));
        ISOMsg totals = new ISOMsg();
        totals.set(48, "0000000128450020000000001000010");
        assertEquals(0, cards.unmask(totals));
    }
}
