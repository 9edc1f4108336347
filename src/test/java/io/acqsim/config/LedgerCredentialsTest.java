package io.acqsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.acqsim.host.TestHost;

/** The ledger's user and password come from cfg, or from ACQSIM_LEDGER_USER / ACQSIM_LEDGER_PASSWORD, which win when set. */
class LedgerCredentialsTest {
    private static final Path CFG = TestHost.HOME.resolve("cfg/acqsim.yml");

    @TempDir
    Path data;

    @Test
    void theFileGivesThemWhenTheEnvironmentDoesNot() {
        HostConfig c = HostConfig.load(CFG, data, Map.of("ledger.user", "acq", "ledger.password", "from-file"), Map.of());
        assertEquals("acq", c.ledgerUser());
        assertEquals("from-file", c.ledgerPassword());
    }

    @Test
    void theEnvironmentOverridesTheFile() {
        HostConfig c = HostConfig.load(CFG, data, Map.of("ledger.user", "acq", "ledger.password", "from-file"),
                Map.of(HostConfig.LEDGER_USER_ENV, "ops", HostConfig.LEDGER_PASSWORD_ENV, "from-env"));
        assertEquals("ops", c.ledgerUser());
        assertEquals("from-env", c.ledgerPassword());
    }

    @Test
    void blankVariablesAreUnset() {
        HostConfig c = HostConfig.load(CFG, data, Map.of(), Map.of(HostConfig.LEDGER_USER_ENV, " ", HostConfig.LEDGER_PASSWORD_ENV, ""));
        assertEquals("sa", c.ledgerUser());
        assertEquals("", c.ledgerPassword());
    }
}
