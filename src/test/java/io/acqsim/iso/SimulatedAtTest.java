package io.acqsim.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SimulatedAtTest {
    @Test
    void writesWhatIsoOffsetDateTimeWritesInEveryZoneAndPrecision() {
        SplittableRandom r = new SplittableRandom(7);
        for (String z : new String[] {"Asia/Shanghai", "UTC", "America/St_Johns", "Pacific/Kiritimati", "Europe/Berlin"}) {
            ZoneId zone = ZoneId.of(z);
            for (int i = 0; i < 20_000; i++) {
                long seconds = r.nextLong(-2_000_000_000L, 8_000_000_000L);
                int nanos = switch (i % 4) {
                    case 0 -> 0;
                    case 1 -> r.nextInt(1000) * 1_000_000;
                    case 2 -> r.nextInt(1_000_000) * 1000;
                    default -> r.nextInt(1_000_000_000);
                };
                Instant at = Instant.ofEpochSecond(seconds, nanos);
                assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)), new SimulatedAt(at, zone).text(), at + " in " + z);
            }
        }
        assertEquals("2026-09-30T10:00:00.1+08:00", new SimulatedAt(Instant.parse("2026-09-30T02:00:00.100Z"), ZoneId.of("Asia/Shanghai")).text());
    }
}
