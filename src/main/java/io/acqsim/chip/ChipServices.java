package io.acqsim.chip;

import java.nio.file.Path;

/**
 * What the host's chip steps share: the settings from cfg/chip, the download answers and the
 * per-terminal download book. Built once at start.
 */
public final class ChipServices {
    public static final String NAME = "acqsim.chip";

    private final ChipSettings settings;
    private final StartUpDownloads downloads;
    private final DownloadBook book;

    public ChipServices(ChipSettings settings, Path dataDir) {
        this.settings = settings;
        this.downloads = new StartUpDownloads(settings.capks(), settings.applications());
        this.book = new DownloadBook(dataDir.resolve("chip/downloads.properties"), downloads);
    }

    public ChipSettings settings() { return settings; }

    public StartUpDownloads downloads() { return downloads; }

    public DownloadBook book() { return book; }

    /** The processing requirement a sign-on answer to {@code tid} carries: 4, 5, or 0 when nothing is due or downloads are off. */
    public int requirementFor(String tid) {
        return settings.downloads() ? book.pending(tid) : 0;
    }
}
