package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path data;

    @Test
    void theEnvironmentWins() throws Exception {
        Files.writeString(data.resolve("admin.token"), "from-file\n");
        assertEquals("from-env", AdminToken.resolve(data, Map.of("ACQSIM_ADMIN_TOKEN", " from-env\n")));
    }

    @Test
    void aBlankEnvironmentValueIsIgnored() throws Exception {
        Files.writeString(data.resolve("admin.token"), "  from-file \n");
        assertEquals("from-file", AdminToken.resolve(data, Map.of("ACQSIM_ADMIN_TOKEN", "  ")));
    }

    @Test
    void aNewTokenIsWrittenOwnerOnlyAndReused() throws Exception {
        Path dir = data.resolve("fresh");   // not there yet
        String token = AdminToken.resolve(dir, Map.of());
        assertTrue(token.matches("[0-9a-f]{64}"), token);
        Path file = dir.resolve("admin.token");
        assertEquals(token + "\n", Files.readString(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(token, AdminToken.resolve(dir, Map.of()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aBlankFileIsRegenerated() throws Exception {
        Path file = data.resolve("admin.token");
        Files.writeString(file, " \n");
        String token = AdminToken.resolve(data, Map.of());
        assertEquals(64, token.length());
        assertEquals(token + "\n", Files.readString(file));
    }

    @Test
    void twoFreshTokensDiffer() {
        assertNotEquals(AdminToken.resolve(data.resolve("a"), Map.of()), AdminToken.resolve(data.resolve("b"), Map.of()));
    }

    @Test
    void aTokenThatCannotTravelInACookieIsRefusedNamingItsSource() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdminToken.resolve(data, Map.of("ACQSIM_ADMIN_TOKEN", "two words")));
        assertTrue(e.getMessage().startsWith("ACQSIM_ADMIN_TOKEN: "), e.getMessage());
        Files.writeString(data.resolve("admin.token"), "semi;colon");
        e = assertThrows(IllegalArgumentException.class, () -> AdminToken.resolve(data, Map.of()));
        assertTrue(e.getMessage().startsWith(data.resolve("admin.token").toString()), e.getMessage());
        assertFalse(AdminToken.resolve(data, Map.of("ACQSIM_ADMIN_TOKEN", "A-b_c.9~!#$%&'*+/:<=>?@[]^`{|}")).isEmpty());
    }
}
