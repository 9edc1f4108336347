package io.acqsim.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Bytes the {@link Pacer} holds back: for {@code delayNanos} (latency) and, when
 * {@code bytesPerSecond} is above 0, at no more than that rate (bandwidth).
 */
record Paced(ByteBuf bytes, long delayNanos, long bytesPerSecond) {
}
