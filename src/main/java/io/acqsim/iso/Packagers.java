package io.acqsim.iso;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;

import io.acqsim.yaml.FileError;

/** GenericPackagers read from {@code cfg/packagers/<profile>.xml}, one instance per file (they are thread-safe). */
public final class Packagers {
    private static final Map<Path, GenericPackager> CACHE = new ConcurrentHashMap<>();

    private Packagers() {
    }

    public static Path file(Path packagerDir, Profile profile) {
        return packagerDir.resolve(profile.id() + ".xml").toAbsolutePath().normalize();
    }

    public static GenericPackager load(Path packagerDir, Profile profile) {
        Path file = file(packagerDir, profile);
        return CACHE.computeIfAbsent(file, f -> {
            if (!Files.isRegularFile(f)) throw new FileError(f, "", "packager file not found");
            try {
                return new GenericPackager(f.toString());
            } catch (ISOException e) {
                throw new FileError(f, "", "not a valid GenericPackager definition: " + e.getMessage(), e);
            }
        });
    }
}
