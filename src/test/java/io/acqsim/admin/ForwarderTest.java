package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

/** Where a forwarded request goes, and what a node with an unusable registered address gives. */
class ForwarderTest {
    @Test
    void registeredAddressesBecomeUriAuthorities() {
        assertEquals("127.0.0.1:8780", Forwarder.hostAndPort("127.0.0.1:8780"));
        assertEquals("node-b.example:8780", Forwarder.hostAndPort("node-b.example:8780"));
        assertEquals("[::1]:8780", Forwarder.hostAndPort("::1:8780"));
        assertEquals("[::1]:8780", Forwarder.hostAndPort("[::1]:8780"));
        assertThrows(IllegalArgumentException.class, () -> Forwarder.hostAndPort("no-port"));
    }

    @Test
    void anUnusableAddressIsUnreachableNamingTheNode() {
        AdminRequest r = AdminRequest.of("GET", "/api/clock", Map.of(), new byte[0]);
        var failed = new Forwarder("a").start(r, "b", "nonsense", Duration.ofSeconds(1));
        CompletionException e = assertThrows(CompletionException.class, failed::join);
        Forwarder.Unreachable u = assertInstanceOf(Forwarder.Unreachable.class, e.getCause());
        assertTrue(u.getMessage().contains("node b registered an unusable admin address 'nonsense'"), u.getMessage());
    }

    @Test
    void aRequestIsForwardedOnlyWithoutTheMark() {
        assertFalse(Forwarder.forwarded(AdminRequest.of("POST", "/api/faults", Map.of(), new byte[0])));
        assertTrue(Forwarder.forwarded(AdminRequest.of("POST", "/api/faults", Map.of("x-acqsim-forwarded-by", List.of("b")), new byte[0])));
    }
}
