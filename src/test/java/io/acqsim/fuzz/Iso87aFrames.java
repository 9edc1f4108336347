package io.acqsim.fuzz;

import io.acqsim.iso.Profile;

/** Fuzz target {@code frame-iso87a}: a connection's bytes on the iso87a port ({@link FrameFeed}). */
public final class Iso87aFrames {
    private Iso87aFrames() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.FRAME_ISO87A.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        FrameFeed.feed(Profile.ISO87A, data);
    }
}
