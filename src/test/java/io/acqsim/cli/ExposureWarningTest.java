package io.acqsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code run --bind} says about an address other than loopback. */
class ExposureWarningTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void loopbackIsQuiet(String address) {
        assertEquals(Optional.empty(), ExposureWarning.of(address, 8583, 8584, 8780, false));
    }

    @Test
    void everyInterfaceNamesEachPortAndWhatItExposes() {
        String w = ExposureWarning.of("0.0.0.0", 8583, 8584, 8780, false).orElseThrow();
        assertTrue(w.startsWith("WARNING: listening on 0.0.0.0, not loopback"), w);
        assertTrue(w.contains("cup 8583 and iso87a 8584 (plain TCP, unencrypted"), w);
        assertTrue(w.contains("admin API on port 8780, plain HTTP: /health and /metrics answer anyone"), w);
        assertTrue(w.contains("needs the admin token, which crosses the network in clear"), w);
    }

    @Test
    void withTlsTheTerminalPortsAreSaidToBeTls() {
        String w = ExposureWarning.of("192.0.2.10", 9583, 9584, 9780, true).orElseThrow();
        assertTrue(w.contains("cup 9583 and iso87a 9584 (TLS)"), w);
    }
}
