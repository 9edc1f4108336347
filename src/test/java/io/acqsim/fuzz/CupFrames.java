package io.acqsim.fuzz;

import io.acqsim.iso.Profile;

/** Fuzz target {@code frame-cup}: a connection's bytes on the cup port ({@link FrameFeed}). */
public final class CupFrames {
    private CupFrames() {
    }

    public static void fuzzerInitialize() throws Throwable {
        Target.FRAME_CUP.warmUp();
    }

    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        FrameFeed.feed(Profile.CUP, data);
    }
}
