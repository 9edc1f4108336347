package io.acqsim.iso;

import static io.acqsim.iso.Frames.byteByByte;
import static io.acqsim.iso.Frames.concat;
import static io.acqsim.iso.Frames.cut;
import static io.acqsim.iso.Frames.frame;
import static io.acqsim.iso.Frames.pack;
import static io.acqsim.iso.Frames.purchase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.util.Arrays;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * Framing of profile iso87a's terminal link (PRODUCT.md §4.1: 2-byte big-endian length that excludes
 * itself, no header) over a scripted byte stream: TCP may split a frame over many reads or deliver several
 * frames in one, and a peer may announce more than it sends or more than the host accepts.
 */
class TerminalChannelFramingTest {
    private static final byte[] NO_HEADER = new byte[0];

    @Test
    void frameSplitByteByByteIsReassembled() throws Exception {
        byte[] wire = frame(NO_HEADER, pack(Profile.ISO87A, purchase("000042")));
        ScriptedSocket socket = new ScriptedSocket(byteByByte(wire));
        ISOMsg m = Frames.iso87a(socket).receive();
        assertEquals("0200", m.getMTI());
        assertEquals("000042", m.getString(11));
        assertEquals("000000012345", m.getString(4));
        assertEquals("T0000001", m.getString(41));
        assertEquals(wire.length, socket.reads(), "one read per byte: the frame really arrived in pieces");
    }

    @Test
    void frameSplitInsideTheLengthAndTheBodyIsReassembled() throws Exception {
        byte[] wire = frame(NO_HEADER, pack(Profile.ISO87A, purchase("000042")));
        ISOMsg m = Frames.iso87a(new ScriptedSocket(cut(wire, 1, 7, wire.length - 3))).receive();
        assertEquals("000042", m.getString(11));
        assertEquals("M00000000000001", m.getString(42));
    }

    @Test
    void twoFramesInOneReadAreTwoMessages() throws Exception {
        byte[] both = concat(frame(NO_HEADER, pack(Profile.ISO87A, purchase("000001"))), frame(NO_HEADER, pack(Profile.ISO87A, purchase("000002"))));
        ScriptedSocket socket = new ScriptedSocket(List.of(both));
        TerminalChannel channel = Frames.iso87a(socket);
        assertEquals("000001", channel.receive().getString(11));
        assertEquals("000002", channel.receive().getString(11));
        assertThrows(EOFException.class, channel::receive, "the peer closed after the second frame");
    }

    @Test
    void lengthPrefixCountsTheMessageNotItself() throws Exception {
        ScriptedSocket socket = new ScriptedSocket(List.of());
        Frames.iso87a(socket).send(purchase("000042"));
        byte[] written = socket.written();
        byte[] body = pack(Profile.ISO87A, purchase("000042"));
        assertEquals(body.length, (written[0] & 0xFF) << 8 | written[1] & 0xFF);
        assertArrayEquals(body, Arrays.copyOfRange(written, 2, written.length), "no header between the length and the MTI");
        assertEquals("0200", new String(written, 2, 4, java.nio.charset.StandardCharsets.US_ASCII), "ASCII MTI right after the length");
    }

    @Test
    void truncatedFrameEndsTheConnection() throws Exception {
        byte[] wire = frame(NO_HEADER, pack(Profile.ISO87A, purchase("000042")));
        TerminalChannel channel = Frames.iso87a(new ScriptedSocket(List.of(Arrays.copyOf(wire, wire.length - 10))));
        assertThrows(EOFException.class, channel::receive);
        assertFalse(channel.isConnected(), "a peer that closes mid-frame is disconnected");
    }

    @Test
    void lengthUpToTheMaximumIsReadAndOneMoreIsRefused() throws Exception {
        byte[] body = pack(Profile.ISO87A, purchase("000042"));
        TerminalChannel exact = Frames.iso87a(new ScriptedSocket(List.of(frame(NO_HEADER, body))));
        exact.setMaxPacketLength(body.length);
        assertEquals("000042", exact.receive().getString(11));

        TerminalChannel tight = Frames.iso87a(new ScriptedSocket(List.of(frame(NO_HEADER, body))));
        tight.setMaxPacketLength(body.length - 1);
        ISOException e = assertThrows(ISOException.class, tight::receive);
        assertTrue(e.getMessage().contains("receive length " + body.length), e.getMessage());
    }

    @Test
    void zeroLengthIsRefused() throws Exception {
        TerminalChannel channel = Frames.iso87a(new ScriptedSocket(List.of(new byte[] {0, 0})));
        assertThrows(ISOException.class, channel::receive);
    }

    @Test
    void unreadableFieldsWithAReadableMtiBecomeAFormatErrorAndTheLinkStaysUp() throws Exception {
        TerminalChannel channel = Frames.iso87a(new ScriptedSocket(List.of()));
        byte[] broken = channel.corrupt(pack(Profile.ISO87A, purchase("000001")), "bitmap");
        channel = Frames.iso87a(new ScriptedSocket(List.of(concat(frame(NO_HEADER, broken), frame(NO_HEADER, pack(Profile.ISO87A, purchase("000002")))))));
        TerminalMessage first = assertInstanceOf(TerminalMessage.class, channel.receive());
        assertTrue(first.hasFormatError(), "the host answers 30 to this one");
        assertEquals("0200", first.getMTI());
        assertFalse(first.hasField(11), "nothing but the MTI is handed on");
        assertTrue(channel.isConnected());
        assertEquals("000002", channel.receive().getString(11), "the next frame on the same connection is read normally");
    }

    @Test
    void unreadableMtiEndsTheSession() throws Exception {
        TerminalChannel channel = Frames.iso87a(new ScriptedSocket(List.of()));
        byte[] broken = channel.corrupt(pack(Profile.ISO87A, purchase("000001")), "mti");
        TerminalChannel reader = Frames.iso87a(new ScriptedSocket(List.of(frame(NO_HEADER, broken))));
        ISOException e = assertThrows(ISOException.class, reader::receive);
        assertTrue(e.getMessage().startsWith("unreadable frame of " + broken.length + " bytes"), e.getMessage());
    }
}
