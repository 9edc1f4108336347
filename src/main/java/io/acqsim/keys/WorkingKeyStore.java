package io.acqsim.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The host's working keys per terminal, one file per terminal in {@code DATA/keys/} (keys under the
 * LMK, with check values), so they survive a restart; a new sign-on replaces them, a MAC error
 * forgets them. Reads are served from memory after the first; a file is written (to a temporary file,
 * then moved into place) before {@link #put} returns, so an answer never carries keys the host could
 * lose. A file that cannot be read (damaged, another LMK) counts as no keys: the terminal signs on again.
 */
public final class WorkingKeyStore {
    private static final Logger LOG = LogManager.getLogger(WorkingKeyStore.class);

    private final SecurityModule module;
    private final Path dir;
    private final ConcurrentMap<String, Optional<WorkingKeys>> cache = new ConcurrentHashMap<>();

    public WorkingKeyStore(SecurityModule module, Path dir) {
        this.module = module;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The terminal's keys from its last sign-on, or null when it has none (never signed on, or forgotten). */
    public WorkingKeys get(String tid) {
        return cache.computeIfAbsent(tid, this::read).orElse(null);
    }

    /** Records the keys of a sign-on, durably, replacing any earlier ones. */
    public void put(String tid, WorkingKeys keys) {
        Path file = file(tid);
        Path tmp = dir.resolve(tid + ".tmp");
        cache.compute(tid, (t, old) -> {
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    keys.toProperties().store(out, "working keys of " + tid + " under the LMK; written by the host at sign-on");
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the working keys of " + tid + " in " + dir + ": " + e.getMessage(), e);
            }
            return Optional.of(keys);
        });
    }

    /** Forgets the terminal's keys, in memory and on disk: it must sign on again. */
    public void forget(String tid) {
        cache.compute(tid, (t, old) -> {
            try {
                Files.deleteIfExists(file(tid));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the working keys of " + tid + " in " + dir + ": " + e.getMessage(), e);
            }
            return Optional.empty();
        });
    }

    private Optional<WorkingKeys> read(String tid) {
        Path file = file(tid);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(WorkingKeys.fromProperties(module, p));
        } catch (IOException | RuntimeException e) {
            LOG.warn("working keys of {} in {} cannot be read ({}); the terminal must sign on again", tid, file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path file(String tid) {
        if (!tid.matches("[A-Za-z0-9]{1,16}")) throw new IllegalArgumentException("'" + tid + "' is not a terminal id");
        return dir.resolve(tid + ".properties");
    }
}
