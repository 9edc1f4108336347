package io.acqsim.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jdom2.Element;
import org.jpos.core.Configurable;
import org.jpos.core.Configuration;
import org.jpos.core.ConfigurationException;
import org.jpos.core.XmlConfigurable;
import org.jpos.q2.SimpleConfigurationFactory;
import org.jpos.util.Destroyable;
import org.jpos.util.LogEvent;
import org.jpos.util.LogEventWriter;
import org.jpos.util.LogListener;

/**
 * Hands log events to the listeners nested in it on one thread of its own, so that writing the XML
 * message log is off the thread that sends the message. In the logger it stands where those listeners
 * stood:
 * <pre>{@code
 * <log-listener class="io.acqsim.logging.AsyncLogListener">
 *   <property name="queue" value="8192"/>
 *   <log-listener class="org.jpos.util.RotateLogListener"> ... <writer class="..."/> </log-listener>
 * </log-listener>
 * }</pre>
 * Contract:
 * <ul>
 *   <li>No event is dropped: when the bounded queue is full, {@link #log} waits for room.</li>
 *   <li>Events reach the nested listeners in the order {@link #log} accepted them, one at a time.</li>
 *   <li>The event's time ({@code at=}) is fixed when it is accepted, not when it is written.</li>
 *   <li>{@link #flush} returns once every event accepted before it has been handed on; {@link #destroy}
 *       (Q2 stopping the logger) and JVM shutdown flush, then destroy the nested listeners.</li>
 * </ul>
 * An event must not change after it is logged. Put it after jPOS's ProtectedLogListener, which replaces
 * every ISOMsg in the event with a masked copy, so a message the host goes on using is never read here.
 */
public final class AsyncLogListener implements LogListener, Configurable, XmlConfigurable, Destroyable {
    private static final int DEFAULT_QUEUE = 8192;
    private static final long SHUTDOWN_FLUSH_MS = 10_000;
    private static final Duration BATCH_PAUSE = Duration.ofMillis(1);

    private final List<LogListener> listeners = new ArrayList<>();
    private BlockingQueue<LogEvent> queue = new ArrayBlockingQueue<>(DEFAULT_QUEUE);
    private Thread worker;
    private Thread shutdownHook;
    /** Set under {@link #lock}: from then on {@link #log} writes on the caller's thread. */
    private volatile boolean stopping;
    private final CountDownLatch destroyed = new CountDownLatch(1);

    /** Accepted and handed-on counts, guarded by {@link #lock}; {@link #flush} waits for them to meet. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private long accepted;
    private long handedOn;

    public AsyncLogListener() {
    }

    /** For tests: these listeners, a queue of {@code capacity}, started. */
    AsyncLogListener(int capacity, List<LogListener> listeners) {
        queue = new ArrayBlockingQueue<>(capacity);
        this.listeners.addAll(listeners);
        start();
    }

    @Override
    public void setConfiguration(Configuration cfg) throws ConfigurationException {
        int capacity = cfg.getInt("queue", DEFAULT_QUEUE);
        if (capacity < 1) throw new ConfigurationException("queue must be at least 1, not " + capacity);
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Creates and configures the nested listeners (and their writers) as Q2's LoggerAdaptor does, then starts. */
    @Override
    public void setConfiguration(Element e) throws ConfigurationException {
        var factory = new SimpleConfigurationFactory();
        for (Element child : e.getChildren("log-listener")) {
            LogListener l = configure(newInstance(child.getAttributeValue("class"), LogListener.class), child, factory);
            Element w = child.getChild("writer");
            if (w != null) l.setLogEventWriter(configure(newInstance(w.getAttributeValue("class"), LogEventWriter.class), w, factory));
            listeners.add(l);
        }
        if (listeners.isEmpty()) throw new ConfigurationException("AsyncLogListener needs at least one nested <log-listener>");
        start();
    }

    private void start() {
        worker = Thread.ofPlatform().name("xml-message-log").daemon().start(this::run);
        shutdownHook = new Thread(this::destroy, "xml-message-log-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public LogEvent log(LogEvent ev) {
        if (ev == null) return null;
        ev.getDumpedAt(); // the event's time is now, however long it waits in the queue
        lock.lock();
        try {
            // offered and counted under the lock, so flush(), stopping and the order of the queue agree
            while (!stopping && !queue.offer(ev)) progress.await(100, TimeUnit.MILLISECONDS);
            if (stopping) {
                handOn(ev); // during or after destroy: write on the caller, as a plain listener would
                return ev;
            }
            accepted++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handOn(ev); // never drop: an interrupted producer writes its own event
        } finally {
            lock.unlock();
        }
        return ev;
    }

    /** Waits until every event accepted so far has been handed to the nested listeners, at most {@code timeoutMs}. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            long target = accepted;
            while (handedOn < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.isAlive()) return handedOn >= target;
                progress.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        List<LogEvent> batch = new ArrayList<>(256);
        while (true) {
            try {
                LogEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
            } catch (InterruptedException e) {
                Thread.interrupted();
                continue; // only stopping ends this thread, and only once the queue is empty
            }
            for (LogEvent ev : batch) handOn(ev);
            lock.lock();
            try {
                handedOn += batch.size();
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            batch.clear();
            if (!stopping) pauseForMore();
        }
    }

    /**
     * After a batch, sleeps briefly instead of waiting on the queue: a producer that finds nobody waiting
     * wakes nobody, so under load the thread is woken about once per {@link #BATCH_PAUSE} rather than
     * once per event (each wake-up is a system call and a context switch on a busy machine).
     */
    private static void pauseForMore() {
        try {
            Thread.sleep(BATCH_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOn(LogEvent ev) {
        LogEvent e = ev;
        for (LogListener l : listeners) {
            if (e == null) return;
            try {
                e = l.log(e);
            } catch (RuntimeException ex) {
                ex.printStackTrace(System.err); // the log itself failed: say so where an operator still looks
            }
        }
    }

    /**
     * Flushes every accepted event, stops the thread, then destroys the nested listeners. A second call
     * (Q2 stopping the logger and the JVM's shutdown hook may race) waits for the first to finish.
     */
    @Override
    public void destroy() {
        lock.lock();
        boolean first = !stopping;
        stopping = true;
        progress.signalAll();
        lock.unlock();
        try {
            if (!first) {
                destroyed.await(2 * SHUTDOWN_FLUSH_MS, TimeUnit.MILLISECONDS);
                return;
            }
            flush(SHUTDOWN_FLUSH_MS);
            worker.join(SHUTDOWN_FLUSH_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to: it waits on destroyed below
            }
        }
        for (LogListener l : listeners) {
            if (l instanceof Destroyable d) d.destroy();
        }
        destroyed.countDown();
    }

    private static <T> T configure(T obj, Element e, SimpleConfigurationFactory factory) throws ConfigurationException {
        if (obj instanceof Configurable c) c.setConfiguration(factory.getConfiguration(e));
        if (obj instanceof XmlConfigurable x) x.setConfiguration(e);
        return obj;
    }

    private static <T> T newInstance(String cls, Class<T> type) throws ConfigurationException {
        if (cls == null) throw new ConfigurationException("a nested " + type.getSimpleName() + " without class");
        try {
            return type.cast(Class.forName(cls, true, Thread.currentThread().getContextClassLoader()).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigurationException("cannot create " + cls, e);
        }
    }
}
