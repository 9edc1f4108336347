package io.acqsim.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jdom2.Element;
import org.jpos.util.Destroyable;
import org.jpos.util.LogEvent;
import org.jpos.util.LogListener;
import org.jpos.util.SimpleLogListener;
import org.junit.jupiter.api.Test;

class AsyncLogListenerTest {

    /** Records what it is handed, on which thread, and whether it was destroyed (after the events). */
    static final class Recorder implements LogListener, Destroyable {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        volatile int seenAtDestroy = -1;
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public LogEvent log(LogEvent ev) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(ev.getTag());
            threads.add(Thread.currentThread().getName());
            return ev;
        }

        @Override
        public void destroy() {
            seenAtDestroy = seen.size();
        }
    }

    @Test
    void eventsArriveInOrderOnItsOwnThreadAndFlushWaitsForThem() throws Exception {
        Recorder r = new Recorder();
        AsyncLogListener async = new AsyncLogListener(4, List.of(r));
        try {
            for (int i = 0; i < 1000; i++) async.log(new LogEvent("e" + i));
            assertTrue(async.flush(10_000));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++) expected.add("e" + i);
            assertEquals(expected, r.seen);
            assertTrue(r.threads.stream().allMatch("xml-message-log"::equals), r.threads.getFirst());
        } finally {
            async.destroy();
        }
    }

    @Test
    void aFullQueueMakesProducersWaitAndNothingIsLost() throws Exception {
        Recorder r = new Recorder();
        r.gate = new CountDownLatch(1); // the writer is stuck: the queue of 2 fills at once
        AsyncLogListener async = new AsyncLogListener(2, List.of(r));
        int producers = 8;
        int each = 500;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) async.log(new LogEvent(id + ":" + i));
            }));
        }
        Thread.sleep(200);
        assertTrue(threads.stream().allMatch(Thread::isAlive), "producers wait while the queue is full");
        assertTrue(r.seen.isEmpty());
        r.gate.countDown();
        for (Thread t : threads) t.join(30_000);
        async.destroy();
        assertEquals(producers * each, r.seen.size(), "every event reached the listener");
        assertEquals(producers * each, r.seenAtDestroy, "destroy flushed before destroying the nested listener");
        // per producer, its own events keep their order
        for (int p = 0; p < producers; p++) {
            String prefix = p + ":";
            List<String> mine = r.seen.stream().filter(s -> s.startsWith(prefix)).toList();
            for (int i = 0; i < each; i++) assertEquals(prefix + i, mine.get(i));
        }
    }

    @Test
    void destroyFlushesWhatIsQueued() throws Exception {
        Recorder r = new Recorder();
        r.gate = new CountDownLatch(1);
        AsyncLogListener async = new AsyncLogListener(100, List.of(r));
        for (int i = 0; i < 50; i++) async.log(new LogEvent("e" + i));
        Thread opener = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.gate.countDown();
        });
        async.destroy();
        opener.join();
        assertEquals(50, r.seen.size());
        assertEquals(50, r.seenAtDestroy);
        async.log(new LogEvent("late"));
        assertEquals("late", r.seen.getLast(), "after destroy an event is written on the caller's thread, not dropped");
    }

    @Test
    void theEventTimeIsWhenItWasLoggedNotWhenItWasWritten() throws Exception {
        Recorder r = new Recorder();
        r.gate = new CountDownLatch(1);
        AsyncLogListener async = new AsyncLogListener(10, List.of(r));
        try {
            LogEvent ev = new LogEvent("timed");
            async.log(ev);
            Instant at = ev.getDumpedAt();
            Thread.sleep(50);
            r.gate.countDown();
            assertTrue(async.flush(10_000));
            assertEquals(at, ev.getDumpedAt());
            assertNotEquals(Instant.now(), at);
        } finally {
            async.destroy();
        }
    }

    @Test
    void configuredFromXmlItCreatesTheNestedListenerAndItsWriter() throws Exception {
        Element e = new Element("log-listener").setAttribute("class", AsyncLogListener.class.getName());
        e.addContent(new Element("log-listener").setAttribute("class", SimpleLogListener.class.getName())
                .addContent(new Element("writer").setAttribute("class", BufferedXmlLogWriter.class.getName())));
        AsyncLogListener async = new AsyncLogListener();
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8)); // SimpleLogListener writes to System.out
        try {
            async.setConfiguration(e);
            async.log(new LogEvent("hello").add("world"));
            assertTrue(async.flush(10_000));
        } finally {
            async.destroy();
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("<hello>") && text.contains("world"), text);
        assertTrue(text.startsWith("<?xml"), "the writer wrote its header: " + text);
    }

    @Test
    void flushTimesOutWhileTheWriterIsStuck() throws Exception {
        Recorder r = new Recorder();
        r.gate = new CountDownLatch(1);
        AsyncLogListener async = new AsyncLogListener(10, List.of(r));
        async.log(new LogEvent("stuck"));
        long t0 = System.nanoTime();
        assertEquals(false, async.flush(100));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(100));
        r.gate.countDown();
        async.destroy();
        assertEquals(List.of("stuck"), r.seen);
    }
}
