package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.acqsim.iso.Profile;

/**
 * Base of the host test classes: one real host per class (each class runs in its own JVM), and
 * terminals numbered so that no two tests share one.
 */
public abstract class SharedHostTest {
    protected static TestHost host;

    @BeforeAll
    static void startHost() {
        host = TestHost.start(TestHost.tempData());
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    /** Terminal number {@code base} on cup, {@code base + 1} on iso87a: tests never share a terminal. */
    protected static TestTerminal terminal(Profile p, int base) throws Exception {
        return new TestTerminal(host, p, base + p.ordinal());
    }

    protected static void assertEchoes(ISOMsg request, ISOMsg response, int... fields) {
        for (int f : fields) assertEquals(request.getString(f), response.getString(f), "field " + f + " echoed");
    }
}
