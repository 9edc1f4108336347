package io.acqsim.iso;

import static io.acqsim.iso.Frames.byteByByte;
import static io.acqsim.iso.Frames.concat;
import static io.acqsim.iso.Frames.frame;
import static io.acqsim.iso.Frames.pack;
import static io.acqsim.iso.Frames.purchase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.util.Arrays;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * Framing of profile cup's terminal link (PRODUCT.md §4.1, reference/DOMAIN.md §1): 2-byte big-endian
 * length counting the 11-byte header and the message, the header being the TPDU {@code 60 DDDD SSSS} and
 * the 6-byte application header; the host answers with the TPDU's destination and source swapped.
 */
class CupChannelFramingTest {
    /** TPDU 60, destination 0003, source 0123; application class 60, version 31. */
    private static final byte[] HEADER = {0x60, 0x00, 0x03, 0x01, 0x23, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00};
    private static final byte[] OTHER_TERMINAL = {0x60, 0x00, 0x03, 0x04, 0x56, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00};

    @Test
    void frameSplitByteByByteKeepsItsHeader() throws Exception {
        byte[] wire = frame(HEADER, pack(Profile.CUP, purchase("000042")));
        ScriptedSocket socket = new ScriptedSocket(byteByByte(wire));
        ISOMsg m = Frames.cupServer(socket).receive();
        assertArrayEquals(HEADER, m.getHeader(), "the TPDU and application header, not part of the message");
        assertEquals("0200", m.getMTI());
        assertEquals("000042", m.getString(11));
        assertEquals("000000012345", m.getString(4));
        assertEquals(wire.length, socket.reads(), "one read per byte: the frame really arrived in pieces");
    }

    @Test
    void twoFramesInOneReadKeepTheirOwnHeaders() throws Exception {
        byte[] both = concat(frame(HEADER, pack(Profile.CUP, purchase("000001"))), frame(OTHER_TERMINAL, pack(Profile.CUP, purchase("000002"))));
        CupChannel channel = Frames.cupServer(new ScriptedSocket(List.of(both)));
        ISOMsg first = channel.receive();
        ISOMsg second = channel.receive();
        assertEquals("000001", first.getString(11));
        assertArrayEquals(HEADER, first.getHeader());
        assertEquals("000002", second.getString(11));
        assertArrayEquals(OTHER_TERMINAL, second.getHeader());
    }

    @Test
    void hostAnswersWithTheTpduSwappedAndTheLengthCountingTheHeader() throws Exception {
        ScriptedSocket socket = new ScriptedSocket(List.of());
        ISOMsg response = purchase("000042");
        response.setMTI("0210");
        response.setHeader(HEADER);
        Frames.cupServer(socket).send(response);
        byte[] written = socket.written();
        byte[] body = pack(Profile.CUP, response);
        assertEquals(CupHeader.LENGTH + body.length, (written[0] & 0xFF) << 8 | written[1] & 0xFF);
        byte[] swapped = {0x60, 0x01, 0x23, 0x00, 0x03, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00};
        assertArrayEquals(swapped, Arrays.copyOfRange(written, 2, 2 + CupHeader.LENGTH), "destination 0003 and source 0123 exchanged");
        assertArrayEquals(body, Arrays.copyOfRange(written, 2 + CupHeader.LENGTH, written.length));
        assertEquals(0x02, written[2 + CupHeader.LENGTH], "BCD MTI 0210 right after the header");
        assertEquals(0x10, written[3 + CupHeader.LENGTH]);
    }

    @Test
    void terminalSendsItsHeaderAsItIs() throws Exception {
        ScriptedSocket socket = new ScriptedSocket(List.of());
        ISOMsg request = purchase("000042");
        request.setHeader(HEADER);
        Frames.cupClient(socket).send(request);
        assertArrayEquals(HEADER, Arrays.copyOfRange(socket.written(), 2, 2 + CupHeader.LENGTH));
    }

    @Test
    void messageWithoutAHeaderGetsTheDefaultOne() throws Exception {
        ScriptedSocket socket = new ScriptedSocket(List.of());
        Frames.cupServer(socket).send(purchase("000042"));
        byte[] written = socket.written();
        assertEquals(CupHeader.LENGTH + pack(Profile.CUP, purchase("000042")).length, (written[0] & 0xFF) << 8 | written[1] & 0xFF);
        assertArrayEquals(CupHeader.defaultHeader(), Arrays.copyOfRange(written, 2, 2 + CupHeader.LENGTH));
    }

    @Test
    void frameCutInsideTheHeaderEndsTheConnection() throws Exception {
        byte[] wire = frame(HEADER, pack(Profile.CUP, purchase("000042")));
        CupChannel channel = Frames.cupServer(new ScriptedSocket(List.of(Arrays.copyOf(wire, 2 + 6))));
        assertThrows(EOFException.class, channel::receive);
        assertFalse(channel.isConnected());
    }

    @Test
    void frameCutInsideTheMessageEndsTheConnection() throws Exception {
        byte[] wire = frame(HEADER, pack(Profile.CUP, purchase("000042")));
        CupChannel channel = Frames.cupServer(new ScriptedSocket(List.of(Arrays.copyOf(wire, wire.length - 1))));
        assertThrows(EOFException.class, channel::receive);
        assertFalse(channel.isConnected());
    }

    @Test
    void lengthAboveTheMaximumIsRefused() throws Exception {
        byte[] wire = frame(HEADER, pack(Profile.CUP, purchase("000042")));
        int announced = wire.length - 2;
        CupChannel exact = Frames.cupServer(new ScriptedSocket(List.of(wire)));
        exact.setMaxPacketLength(announced);
        assertEquals("000042", exact.receive().getString(11), "the maximum counts the header too");

        CupChannel tight = Frames.cupServer(new ScriptedSocket(List.of(wire)));
        tight.setMaxPacketLength(announced - 1);
        assertThrows(ISOException.class, tight::receive);
    }
}
