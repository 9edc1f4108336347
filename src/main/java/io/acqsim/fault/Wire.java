package io.acqsim.fault;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One message a network fault selected, where it crosses a link, and the few things a
 * {@link NetworkAction} can do with it. The host's terminal link implements it over jPOS (a request
 * is handed on to the TransactionManager, a response is sent on the channel), the fault proxy over
 * Netty (handed on is forwarded to the other side); each says in its own documentation how it carries
 * out the parts its I/O cannot do literally. Exactly one method is called per message.
 */
public interface Wire {
    /** Hands it on now, as if no fault were there. */
    void pass();

    /** Hands it on after {@code delay}. */
    void passAfter(Duration delay);

    /** Hands it on at no more than {@code bytesPerSecond}. */
    void passAtRate(long bytesPerSecond);

    /** Hands it on twice. */
    void passTwice();

    /** Hands on only its first {@code bytes} bytes, then the connection closes. */
    void passFirstBytes(int bytes);

    /** Hands it on damaged: its primary bitmap ({@code "bitmap"}) or its MTI ({@code "mti"}). */
    void passCorrupted(String target);

    /** Discards it. */
    void drop();

    /** The exchange's answer is lost: a response is discarded; a request is handed on and its answer discarded. */
    void loseAnswer();

    /** Resets the connection (TCP RST); the message is discarded. */
    void reset();

    /** The connection goes half-open: it stays up, nothing more crosses it; the message is discarded. */
    void blackhole();

    /** Where jitter and the like are drawn from. */
    RandomGenerator random();
}
