package io.acqsim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaceTest {
    @Test
    void paces() {
        assertTrue(Pace.of("max").isMax());
        assertEquals(1_000_000_000L, Pace.of("original").offsetNanos(Duration.ofSeconds(1)));
        assertEquals(250_000_000L, Pace.of("x4").offsetNanos(Duration.ofSeconds(1)));
        assertEquals(2_000_000_000L, Pace.of("X0.5").offsetNanos(Duration.ofSeconds(1)));
        assertEquals("x4", Pace.of("x4").toString());
        assertEquals("original", Pace.of("original").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "x0", "x-2", "x", "xabc", "xInfinity"})
    void badPacesSayWhatIsAllowed(String bad) {
        var e = assertThrows(IllegalArgumentException.class, () -> Pace.of(bad));
        assertTrue(e.getMessage().contains("original, max or xN"), e.getMessage());
    }
}
