package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.MacTest;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.keys.TerminalMasterKeys;

/** The load generator against a host with MAC on for T0000001-T0000500: with the key file every request is MACed and approved; without, refused. */
class LoadMacTest {
    static TestHost host;
    static TerminalMasterKeys keys;

    @BeforeAll
    static void start() throws Exception {
        Path d = TestHost.tempData();
        Path keyFile = MacTest.writeKeyFile(d.resolve("keys-test.yml"));
        keys = TerminalMasterKeys.load(keyFile);
        host = TestHost.start(d, Map.of("files.keys", keyFile.toString()));
    }

    @AfterAll
    static void stop() {
        if (host != null) host.close();
    }

    static LoadRun.Options options(Profile p, int first) {
        return new LoadRun.Options("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, 5, first, Rate.MAX,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Mix.parse(Mix.DEFAULT), 7);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void withTheKeysEveryKindIsMacedAndApproved(Profile p) throws Exception {
        LoadResult r = LoadRun.run(options(p, p == Profile.CUP ? 101 : 111).withKeys(keys), null);
        LoadReport.summary(System.out, r);
        assertEquals(0, r.errors(), r.toString());
        assertEquals(0, r.timeouts(), r.toString());
        assertTrue(r.sent() > 50, r.toString());
        assertEquals(r.sent(), r.approved(), "every MAC verified: " + r.responseCodes());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void withoutTheKeysEveryRequestIsRefusedForItsMac(Profile p) throws Exception {
        LoadResult r = LoadRun.run(options(p, p == Profile.CUP ? 121 : 131), null);
        assertTrue(r.sent() > 0, r.toString());
        assertEquals(0, r.approved(), r.responseCodes().toString());
        assertEquals(Map.of(p == Profile.CUP ? "A0" : "63", r.sent()), r.responseCodes());
    }
}
