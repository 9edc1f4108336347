package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.ZoneId;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

class SmokeTest {
    @Test
    void signOnAndPurchaseOnBothProfiles() throws Exception {
        try (TestHost host = TestHost.start(TestHost.tempData())) {
            for (Profile p : Profile.values()) {
                RequestFactory rf = new RequestFactory(p, "T0000001", "M00000000000001", Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
                try (TerminalLink link = host.connect(p)) {
                    ISOMsg r = link.exchange(rf.signOn("000001", 1));
                    r.dump(System.out, "");
                    assertEquals("00", r.getString(39));
                    r = link.exchange(rf.cardPurchase("000002", 1, 1000, "6222021234567890123", "2912", "071"));
                    r.dump(System.out, "");
                    assertEquals("00", r.getString(39));
                }
            }
        }
    }
}
