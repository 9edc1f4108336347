package io.acqsim.capture;

/**
 * How a stream is cut into frames.
 *
 * @param maxLength    the longest frame body accepted (1 to 65535): a longer length prefix on a stream in step
 *                     means it is out of step; and while looking for a frame boundary, no candidate is longer
 * @param resyncWindow how many bytes are searched for a frame boundary before the rest of the direction is
 *                     given up (and skipped, reported once)
 */
public record FramingRules(int maxLength, int resyncWindow) {
    /** Any length a 2-byte prefix can say; boundaries searched for in 64 KiB. */
    public static final FramingRules DEFAULT = new FramingRules(0xFFFF, 1 << 16);

    public FramingRules {
        if (maxLength < 1 || maxLength > 0xFFFF) throw new IllegalArgumentException("maxLength must be 1 to 65535, not " + maxLength);
        if (resyncWindow < 1) throw new IllegalArgumentException("resyncWindow must be positive, not " + resyncWindow);
    }
}
