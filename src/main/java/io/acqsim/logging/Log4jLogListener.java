package io.acqsim.logging;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.util.LogEvent;
import org.jpos.util.LogListener;

/**
 * Forwards jPOS log events to the Log4j 2 application log, one line each. It sits after jPOS's
 * ProtectedLogListener in the logger, so messages arrive with card data already masked; an ISOMsg is
 * summarised as MTI and the fields that say what happened (11, 41, 39), never its card fields.
 * Message traffic (send/receive) goes at DEBUG; problems at WARN or ERROR.
 */
public final class Log4jLogListener implements LogListener {
    /**
     * Loggers by name, a handful (one per realm): LogManager.getLogger walks the caller's stack to find its
     * logger context, which cost more than the rest of this listener for every message sent or received.
     */
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public LogEvent log(LogEvent ev) {
        Logger logger = loggers.computeIfAbsent(loggerName(ev.getRealm()), LogManager::getLogger);
        Level level = level(ev.getTag());
        if (!logger.isEnabled(level)) return ev;
        StringBuilder sb = new StringBuilder();
        String realm = ev.getRealm();
        if (realm != null && realm.indexOf('/') >= 0) sb.append('[').append(realm.substring(realm.indexOf('/') + 1)).append("] ");
        sb.append(ev.getTag() == null ? "" : ev.getTag());
        Throwable thrown = null;
        List<Object> payload = ev.getPayLoad();
        synchronized (payload) {
            for (Object o : payload) {
                sb.append(' ');
                if (o instanceof ISOMsg m) sb.append(summary(m));
                else if (o instanceof Throwable t) {
                    thrown = t;
                    sb.append(t);
                } else sb.append(o);
            }
        }
        logger.log(level, sb.toString(), thrown);
        return ev;
    }

    /**
     * jpos.REALM without the per-connection suffix ("channel-cup/127.0.0.1:53962" → jpos.channel-cup):
     * Log4j keeps every logger it hands out, so one per connection would grow without end.
     */
    static String loggerName(String realm) {
        if (realm == null) return "jpos";
        int slash = realm.indexOf('/');
        return "jpos." + (slash < 0 ? realm : realm.substring(0, slash));
    }

    private static Level level(String tag) {
        if (tag == null) return Level.INFO;
        return switch (tag) {
            case "send", "receive", "trace", "debug", "commit", "abort", "prepare" -> Level.DEBUG;
            // a session ends in "session-error" when one terminal sends garbage: that terminal's problem, not the host's
            case "warn", "warning", "session-warning", "session-error", "format-error", "unreadable-frame", "ISOException" -> Level.WARN;
            case "error", "exception", "fatal" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    private static String summary(ISOMsg m) {
        try {
            StringBuilder sb = new StringBuilder(m.getMTI());
            for (int f : new int[] {3, 4, 11, 39, 41}) {
                if (m.hasField(f)) sb.append(' ').append(f).append('=').append(m.getString(f));
            }
            return sb.toString();
        } catch (ISOException e) {
            return "<message without MTI>";
        }
    }
}
