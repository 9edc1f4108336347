package io.acqsim.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the admin token comes from, in order:
 * <ol>
 *   <li>{@value #ENV} from the environment, when set and not blank;</li>
 *   <li>{@code DATA/admin.token}, when present and not blank (surrounding whitespace ignored);</li>
 *   <li>otherwise a new token, 32 random bytes as 64 hex digits, written to {@code DATA/admin.token}
 *       readable by its owner only (rw-------, where the file system has POSIX permissions), so the
 *       CLI on the same machine finds it and the next run keeps it.</li>
 * </ol>
 * A token is visible ASCII without quotes, commas, semicolons or backslashes, since it also travels
 * in a cookie.
 */
public final class AdminToken {
    public static final String ENV = "ACQSIM_ADMIN_TOKEN";
    public static final String FILE = "admin.token";

    private static final Pattern VALID = Pattern.compile("[!#-+\\--:<-\\[\\]-~]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminToken() {}

    /** @throws IllegalArgumentException for an unusable token (naming where it came from); UncheckedIOException when the file cannot be read or written */
    public static String resolve(Path dataDir, Map<String, String> env) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return valid(fromEnv.strip(), ENV);
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) return valid(stored, file.toString());
            }
            String fresh = HexFormat.of().formatHex(bytes(32));
            write(file, fresh);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a private temporary file and a rename, so the token is never readable by others. */
    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, FILE, ".tmp", ownerOnly);
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String valid(String token, String source) {
        if (!VALID.matcher(token).matches()) {
            throw new IllegalArgumentException(source + ": the admin token must be visible ASCII without spaces, quotes, commas, semicolons or backslashes");
        }
        return token;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
