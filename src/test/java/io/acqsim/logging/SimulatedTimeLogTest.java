package io.acqsim.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.util.LogEvent;
import org.jpos.util.NameRegistrar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.app.AcqsimHost;
import io.acqsim.host.TestHost;
import io.acqsim.iso.CupHeader;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.replay.input.InputProblem;
import io.acqsim.replay.input.JposLogReader;
import io.acqsim.replay.input.RecordedMessage;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * A real host on a manual clock logs every message its terminal channels receive and send with the
 * simulated instant, and that log reads back: simulated times (not wall time), masked PANs, the cup header.
 */
class SimulatedTimeLogTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-09-30T02:00:00Z");
    static final String PAN = "6222021234567890123";

    @TempDir
    Path data;

    @Test
    void everyTerminalMessageCarriesTheSimulatedInstantAndReadsBack() throws Exception {
        Map<Profile, Instant> signOnAt = new EnumMap<>(Profile.class);
        try (TestHost host = TestHost.startManual(data, START)) {
            for (Profile p : Profile.values()) {
                RequestFactory rf = new RequestFactory(p, "T0000001", "M00000000000001", host.clock(), SHANGHAI);
                try (TerminalLink link = host.connect(p)) {
                    signOnAt.put(p, host.clock().instant());
                    assertNotNull(link.exchange(rf.signOn("000001", 1)));
                    host.clock().moveTo(host.clock().instant().plusMillis(90_123));
                    assertNotNull(link.exchange(rf.cardPurchase("000002", 1, 1234, PAN, "2912", "071")));
                }
            }
            assertClientChannelsLogNoSimulatedTime();
        }
        assertNull(NameRegistrar.getIfExists(AcqsimHost.CLOCK_NAME), "unregistered when the host stops");
        Path log = data.resolve("log/q2.log");
        String text = Files.readString(log);
        assertTrue(text.contains("<simulated-at>2026-09-30T10:00:00+08:00</simulated-at>"), "the clock's zone, ISO-8601 with offset");
        assertTrue(text.contains("<simulated-at>2026-09-30T10:01:30.123+08:00</simulated-at>"));
        assertTrue(text.contains("<simulated-at>2026-09-30T10:03:00.246+08:00</simulated-at>"));
        assertFalse(text.contains(PAN), "ProtectedLogListener still masks the PAN");

        List<InputProblem> problems = new ArrayList<>();
        List<RecordedMessage> all = new ArrayList<>();
        try (JposLogReader r = new JposLogReader(log, ZoneId.of("America/Sao_Paulo"), problems::add)) {
            for (RecordedMessage m; (m = r.next()) != null; ) all.add(m);
        }
        assertEquals(List.of(), problems);
        assertEquals(8, all.size(), all.toString());
        for (Profile p : Profile.values()) {
            Instant first = signOnAt.get(p);
            Instant second = first.plusMillis(90_123);
            List<RecordedMessage> mine = all.stream().filter(m -> m.connection().startsWith("channel-" + p.id() + "/127.0.0.1:")).toList();
            Map<String, Instant> times = mine.stream().collect(Collectors.toMap(RecordedMessage::mti, RecordedMessage::at));
            assertEquals(Map.of("0800", first, "0810", first, "0200", second, "0210", second), times, p.id()
                    + ": a response's send event may be logged after the next request, its instant is when it was sent");
            RecordedMessage recorded = mine.stream().filter(m -> m.mti().equals("0200")).findFirst().orElseThrow();
            ISOMsg purchase = recorded.message();
            assertEquals(ISOMsg.INCOMING, purchase.getDirection());
            String pan = purchase.getString(2);
            assertTrue(pan.startsWith("622202") && pan.endsWith("0123") && !pan.equals(PAN), pan);
            assertEquals("q2.log", recorded.origin().file());
            if (p == Profile.CUP) {
                assertEquals(CupHeader.LENGTH, purchase.getHeader().length);
                assertArrayEquals(CupHeader.defaultHeader(), purchase.getHeader());
            }
        }
    }

    /** A channel built in code (terminal emulator, load generator) has no clock property: its events stay as they were. */
    private static void assertClientChannelsLogNoSimulatedTime() throws Exception {
        assertNotNull(NameRegistrar.getIfExists(AcqsimHost.CLOCK_NAME), "the host registers its clock while it runs");
        Probe probe = new Probe(Packagers.load(TestHost.PACKAGERS, Profile.ISO87A));
        assertEquals(List.of(), probe.outgoingEvent().getPayLoad());
    }

    private static final class Probe extends TerminalChannel {
        Probe(ISOPackager packager) {
            super("127.0.0.1", 1, packager);
        }

        LogEvent outgoingEvent() throws Exception {
            LogEvent evt = new LogEvent();
            applyOutgoingFilters(new ISOMsg("0800"), evt);
            return evt;
        }
    }
}
