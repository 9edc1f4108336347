package io.acqsim.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Log4jLogListenerTest {
    @ParameterizedTest
    @CsvSource({
            "channel-cup/127.0.0.1:53962, jpos.channel-cup",
            "server-iso87a.server.session/127.0.0.1:1, jpos.server-iso87a.server.session",
            "Q2.system, jpos.Q2.system"})
    void oneLoggerPerRealmNotPerConnection(String realm, String logger) {
        assertEquals(logger, Log4jLogListener.loggerName(realm));
    }
}
