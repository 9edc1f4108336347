package io.acqsim.chip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Which terminals completed which start-up download, and of which version of the TEST files: kept in
 * DATA/chip/downloads.properties (one line per terminal and kind, {@code T0000001.capk=version}),
 * rewritten whole and moved into place on every change, so it survives a restart or a kill.
 * A terminal whose recorded version differs from the files' (the files changed) is asked again.
 */
public final class DownloadBook {
    /** Processing requirements of the cup application header that start a download (reference/DOMAIN.md §1). */
    public static final int CAPK_UPDATE = 4;
    public static final int IC_PARAMETERS = 5;

    private final Path file;
    private final StartUpDownloads downloads;
    private final Properties done = new Properties();

    public DownloadBook(Path file, StartUpDownloads downloads) {
        this.file = file;
        this.downloads = downloads;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                done.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage()
                        + " (delete it to have every terminal download again)", e);
            }
        }
    }

    /** The processing requirement for {@code tid}'s next answer: CA keys first, then IC parameters, else 0. */
    public synchronized int pending(String tid) {
        if (downloads.hasCapks() && !downloads.capkVersion().equals(done.getProperty(tid + ".capk"))) return CAPK_UPDATE;
        if (downloads.hasApplications() && !downloads.icVersion().equals(done.getProperty(tid + ".ic"))) return IC_PARAMETERS;
        return 0;
    }

    public void capkDone(String tid) {
        record(tid + ".capk", downloads.capkVersion());
    }

    public void icDone(String tid) {
        record(tid + ".ic", downloads.icVersion());
    }

    private synchronized void record(String key, String version) {
        if (version.equals(done.getProperty(key))) return;
        done.setProperty(key, version);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                done.store(out, "acqsim: start-up downloads completed per terminal (terminal.kind=version of the cfg/chip files)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
