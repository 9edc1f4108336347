package io.acqsim.terminal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalState;

/** The terminal's rules without a socket: given the state and an answer, what the next request carries and what is owed. */
class TerminalProtocolTest {
    private static final String TID = "T0000001";
    private static final String PAN = "6222021234567890123";
    private static final Clock FRI_2026_10_09_NOON = Clock.fixed(Instant.parse("2026-10-09T04:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static RequestFactory requests(Profile p) {
        return new RequestFactory(p, TID, "M00000000000001", FRI_2026_10_09_NOON, ZoneId.of("Asia/Shanghai"));
    }

    /** The host's answer to {@code request}: response MTI, fields echoed, {@code rc} in 39. */
    private static ISOMsg answer(ISOMsg request, String rc) throws ISOException {
        ISOMsg r = (ISOMsg) request.clone();
        r.setResponseMTI();
        r.set(39, rc);
        return r;
    }

    @Test
    void stansRunFromOneToTheLastAndRoundAgain() {
        InMemoryState state = new InMemoryState();
        TerminalProtocol protocol = new TerminalProtocol(Profile.ISO87A, state);
        assertEquals("000001", protocol.nextStan());
        assertEquals("000002", protocol.nextStan());
        state.stan(999_998);
        assertEquals("999999", protocol.nextStan());
        assertEquals("000001", protocol.nextStan(), "after 999999 comes 000001, never 000000");
        assertEquals(1, state.stan(), "the STAN is kept in the state");
    }

    @ParameterizedTest
    @CsvSource({
        "ISO87A, 000042,      42",
        "CUP,    00000042001, 42"})
    void anApprovedSignOnAdoptsTheHostsBatch(Profile p, String f60, int batch) throws Exception {
        InMemoryState state = new InMemoryState();
        TerminalProtocol protocol = new TerminalProtocol(p, state);
        ISOMsg signOn = requests(p).signOn(protocol.nextStan(), protocol.batch());
        ISOMsg r = answer(signOn, "00");
        r.set(60, f60);
        protocol.answered(signOn, r);
        assertEquals(TerminalProtocol.SignOn.ACCEPTED, protocol.signedOn(r));
        assertEquals(batch, state.batch());
        assertEquals(batch, protocol.batch(), "the next request carries the host's batch");
    }

    @Test
    void aDeclinedOrMalformedSignOnKeepsTheBatch() throws Exception {
        InMemoryState state = new InMemoryState();
        TerminalProtocol protocol = new TerminalProtocol(Profile.CUP, state);
        ISOMsg signOn = requests(Profile.CUP).signOn(protocol.nextStan(), protocol.batch());
        ISOMsg declined = answer(signOn, "97");
        declined.set(60, "00000042001");
        assertEquals(TerminalProtocol.SignOn.DECLINED, protocol.signedOn(declined));
        ISOMsg shortField = answer(signOn, "00");
        shortField.set(60, "0000");
        assertEquals(TerminalProtocol.SignOn.NO_BATCH_NUMBER, protocol.signedOn(shortField));
        assertEquals(1, state.batch());
    }

    @ParameterizedTest
    @CsvSource({"77", "A0"})
    void anAnswerAskingForASignOnMakesOneDueUntilAnApprovedSignOn(String rc) throws Exception {
        TerminalProtocol protocol = new TerminalProtocol(Profile.ISO87A, new InMemoryState());
        RequestFactory rf = requests(Profile.ISO87A);
        ISOMsg sale = rf.cardPurchase(protocol.nextStan(), protocol.batch(), 1_000, PAN, "2912", "071");
        protocol.answered(sale, answer(sale, rc));
        assertTrue(protocol.signOnDue());

        ISOMsg signOn = rf.signOn(protocol.nextStan(), protocol.batch());
        ISOMsg refused = answer(signOn, "96");
        protocol.answered(signOn, refused);
        protocol.signedOn(refused);
        assertTrue(protocol.signOnDue(), "a refused sign-on leaves it due");

        signOn = rf.signOn(protocol.nextStan(), protocol.batch());
        ISOMsg approved = answer(signOn, "00");
        protocol.answered(signOn, approved);
        protocol.signedOn(approved);
        assertFalse(protocol.signOnDue());
    }

    @Test
    void aCupHeaderAskingForASignOnMakesOneDueEvenOnAnApproval() throws Exception {
        TerminalProtocol protocol = new TerminalProtocol(Profile.CUP, new InMemoryState());
        ISOMsg echo = requests(Profile.CUP).echo(protocol.nextStan(), protocol.batch());
        ISOMsg plain = answer(echo, "00");
        protocol.answered(echo, plain);
        assertFalse(protocol.signOnDue());
        ISOMsg asking = answer(echo, "00");
        asking.setHeader(CupHeader.withProcessingRequirement(CupHeader.defaultHeader(), CupHeader.SIGN_ON_AGAIN));
        protocol.answered(echo, asking);
        assertTrue(protocol.signOnDue());
    }

    @Test
    void aFinancialRequestOwesItsReversalUntilItIsAnswered() throws Exception {
        InMemoryState state = new InMemoryState();
        TerminalProtocol protocol = new TerminalProtocol(Profile.ISO87A, state);
        RequestFactory rf = requests(Profile.ISO87A);
        ISOMsg sale = rf.cardPurchase(protocol.nextStan(), protocol.batch(), 1_234, PAN, "2912", "051");
        PendingReversal owed = protocol.sending(sale, "PURCHASE", 1_234);
        assertEquals(new PendingReversal("PURCHASE", "000001", "0200", "000000", sale.getString(7), "051", 1_234, 1), owed);
        assertEquals(owed, state.pendingReversal(), "recorded before the request goes out");

        ISOMsg echo = rf.echo(protocol.nextStan(), protocol.batch());
        protocol.answered(echo, answer(echo, "00"));
        assertEquals(owed, protocol.reversalDue(), "an answer to another request settles nothing");

        protocol.answered(sale, answer(sale, "51"));
        assertNull(protocol.reversalDue(), "answered, even declined: nothing to reverse");
    }

    @Test
    void anUnansweredRequestsReversalIsDueAndItsAnswerSettlesIt() throws Exception {
        TerminalProtocol protocol = new TerminalProtocol(Profile.ISO87A, new InMemoryState());
        RequestFactory rf = requests(Profile.ISO87A);
        ISOMsg sale = rf.cardPurchase(protocol.nextStan(), protocol.batch(), 1_234, PAN, "2912", "051");
        protocol.sending(sale, "PURCHASE", 1_234);
        // no answer: the caller asks what is due before its next request
        PendingReversal due = protocol.reversalDue();
        assertNotNull(due);
        ISOMsg reversal = rf.reversal(rf.original(due), false);
        assertEquals("0400", reversal.getMTI());
        assertEquals("000001", reversal.getString(11));
        assertEquals("000000001234", reversal.getString(4));
        assertEquals("0200000001" + sale.getString(7) + "0".repeat(22), reversal.getString(90), "original MTI, STAN and field 7");
        protocol.answered(reversal, answer(reversal, "25"));
        assertNull(protocol.reversalDue());
    }

    @Test
    void aRequestThatNeverLeftOwesNothing() throws Exception {
        TerminalProtocol protocol = new TerminalProtocol(Profile.CUP, new InMemoryState());
        ISOMsg qr = requests(Profile.CUP).qrPurchase(protocol.nextStan(), protocol.batch(), 500, "6225880123456789012");
        protocol.sending(qr, "PURCHASE", 500);
        protocol.notSent(qr);
        assertNull(protocol.reversalDue());
    }

    @Test
    void theTerminalStateFileKeepsWhatTheProtocolOwes() throws Exception {
        Path file = dir.resolve("T0000001.json");
        TerminalProtocol protocol = new TerminalProtocol(Profile.CUP, TerminalState.load(file));
        ISOMsg refund = requests(Profile.CUP).refund(protocol.nextStan(), protocol.batch(), 700, "000000000001");
        protocol.sending(refund, "REFUND", 700);

        TerminalProtocol afterRestart = new TerminalProtocol(Profile.CUP, TerminalState.load(file));
        PendingReversal due = afterRestart.reversalDue();
        assertEquals(new PendingReversal("REFUND", "000001", "0220", "200000", null, null, 700, 1), due);
        assertEquals("000002", afterRestart.nextStan(), "the STAN counter survives too");
        ISOMsg reversal = requests(Profile.CUP).reversal(requests(Profile.CUP).original(due), false);
        assertEquals("25000001000", reversal.getString(60), "cup: the refund's 60.1 and batch");
        assertEquals("98", reversal.getString(39));
    }

    @Test
    void anAnswerMatchesItsRequestByMtiStanProcessingCodeAndTid() throws Exception {
        ISOMsg sale = requests(Profile.ISO87A).cardPurchase("000007", 1, 1_000, PAN, "2912", "071");
        assertTrue(TerminalProtocol.matches(sale, answer(sale, "00")));
        ISOMsg noTid = answer(sale, "00");
        noTid.unset(41);
        assertTrue(TerminalProtocol.matches(sale, noTid), "an answer without 41 is judged by the rest");
        for (int[] f : new int[][] {{0}, {11}, {3}, {41}}) {
            ISOMsg wrong = answer(sale, "00");
            wrong.set(f[0], switch (f[0]) {
                case 0 -> "0230";
                case 11 -> "000008";
                case 3 -> "200000";
                default -> "T0000002";
            });
            assertFalse(TerminalProtocol.matches(sale, wrong), "field " + f[0] + " differs");
        }
        assertFalse(TerminalProtocol.matches(answer(sale, "00"), sale), "a response is nobody's request");
    }
}
