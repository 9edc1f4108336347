package io.acqsim.replay;

import static io.acqsim.replay.Messages.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import io.acqsim.iso.Profile;

class CarriedValuesTest {

    @Test
    void aVoidNamesTheLiveRrnOfItsOriginal() {
        CarriedValues carried = new CarriedValues(Profile.ISO87A);
        var sale = Messages.exchange(msg("c", 0, "0200", "000001", "T1"), msg("c", 1, "0210", "000001", "T1", 37, "000000000042", 38, "123456"));
        carried.expect(sale);
        carried.learn(sale, msg("c", 1, "0210", "000001", "T1", 37, "000000000001", 38, "654321").message());
        ISOMsg voidRequest = msg("c", 2, "0200", "000002", "T1", 3, "020000", 37, "000000000042").message();
        carried.rewrite(voidRequest, "T1", Duration.ofSeconds(1));
        assertEquals("000000000001", voidRequest.getString(37));
        ISOMsg recordedAnswer = (ISOMsg) sale.response().message().clone();
        carried.rewrite(recordedAnswer, "T1", Duration.ZERO);
        assertEquals("654321", recordedAnswer.getString(38), "the recorded answer is compared in live terms");
    }

    @Test
    void aRequestWaitsForTheAnswerThatAssignsItsValue() throws Exception {
        CarriedValues carried = new CarriedValues(Profile.ISO87A);
        var sale = Messages.exchange(msg("c", 0, "0200", "000001", "T1"), msg("c", 1, "0210", "000001", "T1", 37, "000000000042"));
        carried.expect(sale);
        ISOMsg refund = msg("c", 2, "0200", "000002", "T1", 37, "000000000042").message();
        Thread t = Thread.ofVirtual().start(() -> carried.rewrite(refund, "T1", Duration.ofSeconds(30)));
        carried.learn(sale, msg("c", 1, "0210", "000001", "T1", 37, "000000000009").message());
        t.join(Duration.ofSeconds(10));
        assertEquals("000000000009", refund.getString(37));
    }

    @Test
    void theHostsBatchNumberIsCarriedIntoLaterRequestsOfThatTerminal() {
        CarriedValues carried = new CarriedValues(Profile.CUP);
        var signOn = Messages.exchange(msg("c", 0, "0800", "000001", "T1"), msg("c", 1, "0810", "000001", "T1", 60, "00000005001"));
        carried.learn(signOn, msg("c", 1, "0810", "000001", "T1", 60, "00000009001").message());
        ISOMsg sale = msg("c", 2, "0200", "000002", "T1", 60, "22000005000").message();
        carried.rewrite(sale, "T1", Duration.ZERO);
        assertEquals("22000009000", sale.getString(60));
        ISOMsg nextBatch = msg("c", 3, "0200", "000003", "T1", 60, "22000006000", 61, "000005000002").message();
        carried.rewrite(nextBatch, "T1", Duration.ZERO);
        assertEquals("22000010000", nextBatch.getString(60), "after settlement the terminal's next batch follows");
        assertEquals("000009000002", nextBatch.getString(61), "the original batch in 61 too");
        ISOMsg otherTerminal = msg("c", 2, "0200", "000002", "T2", 60, "22000005000").message();
        carried.rewrite(otherTerminal, "T2", Duration.ZERO);
        assertEquals("22000005000", otherTerminal.getString(60));

        CarriedValues iso = new CarriedValues(Profile.ISO87A);
        var isoSignOn = Messages.exchange(msg("c", 0, "0800", "000001", "T1"), msg("c", 1, "0810", "000001", "T1", 60, "000001"));
        iso.learn(isoSignOn, msg("c", 1, "0810", "000001", "T1", 60, "000003").message());
        ISOMsg isoSale = msg("c", 2, "0200", "000002", "T1", 60, "000001").message();
        iso.rewrite(isoSale, "T1", Duration.ZERO);
        assertEquals("000003", isoSale.getString(60));
    }
}
