package io.acqsim.message;

import java.time.ZoneId;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.iso.Profile;

/**
 * One wire profile's mapping between ISOMsg and the typed request/outcome, in both directions.
 * The host's participants see only {@link TerminalRequest} and {@link Outcome}.
 */
public interface Dialect {

    Profile profile();

    /** Turns a received message into a typed request; a {@link FormatError} when it cannot be served. */
    TerminalRequest decode(ISOMsg m) throws FormatError;

    /**
     * Builds the response to {@code request}. {@code decoded} is null when the request was refused
     * before it could be decoded (a format error): then only what can be echoed safely is echoed.
     */
    ISOMsg respond(ISOMsg request, TerminalRequest decoded, Outcome outcome, ZoneId zone) throws ISOException;

    static Dialect of(Profile p) {
        return switch (p) {
            case CUP -> new CupDialect();
            case ISO87A -> new Iso87aDialect();
        };
    }

    /** 0200 → 0210, 0401 → 0410, 0820 → 0830; null when {@code mti} is itself a response. */
    static String responseMti(String mti) {
        if (mti == null || mti.length() != 4) return null;
        int function = mti.charAt(2) - '0';
        if (function % 2 != 0) return null;
        return mti.substring(0, 2) + (char) ('0' + function + 1) + '0';
    }
}
