package io.acqsim.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOSource;
import org.jpos.iso.packager.GenericPackager;

import io.acqsim.iso.CupChannel;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;

/**
 * The benchmark's baseline: a bare jPOS {@link ISOServer} with the host's iso87a channel
 * ({@link TerminalChannel}, 2-byte length) and packager (cfg/packagers/iso87a.xml) — or with
 * {@code --profile cup} the cup channel ({@link CupChannel}, TPDU swapped) and packager — sessions on
 * virtual threads as the host's QServer runs them, answering every request at once with a clone of
 * it: response MTI, 39=00, 37 (RRN) and 38 (auth code). No TransactionManager, no ledger, no log.
 *
 * <pre>java -cp ... io.acqsim.bench.BareResponder [--port N] [--packagers DIR] [--profile iso87a|cup]</pre>
 * Prints {@code ready PORT} once listening and runs until killed.
 */
public final class BareResponder {
    private BareResponder() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path packagers = Path.of("cfg/packagers");
        Profile profile = Profile.ISO87A;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--packagers" -> packagers = Path.of(args[++i]);
                case "--profile" -> profile = Profile.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        GenericPackager packager = Packagers.load(packagers, profile);
        java.net.ServerSocket probe = null;
        if (port == 0) { // pick a free port, then let ISOServer bind it
            probe = new java.net.ServerSocket(0);
            port = probe.getLocalPort();
            probe.close();
        }

        TerminalChannel channel = profile == Profile.CUP ? new CupChannel() : new TerminalChannel();
        channel.setPackager(packager);
        SimpleConfiguration chCfg = new SimpleConfiguration();
        chCfg.put("timeout", "300000");        // host.idle-timeout default PT5M
        chCfg.put("max-packet-length", "8192"); // host.max-frame-bytes default
        channel.setConfiguration(chCfg);

        ISOServer server = new ISOServer(port, channel, 10_000);
        SimpleConfiguration srvCfg = new SimpleConfiguration();
        srvCfg.put("bind-address", "127.0.0.1");
        srvCfg.put("backlog", "256");
        srvCfg.put("virtual-threads", "true");
        srvCfg.put("ignore-iso-exceptions", "false");
        server.setConfiguration(srvCfg);
        server.addISORequestListener(new Responder());
        Thread t = Thread.ofPlatform().name("bare-" + profile.id()).start(server);

        waitForPort(port);
        System.out.println("ready " + port);
        System.out.flush();
        new CountDownLatch(1).await();
        t.join();
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("bare server did not bind port " + port);
    }

    /** Answers every request with a clone carrying the response MTI, 39=00, 37 and 38. */
    static final class Responder implements ISORequestListener {
        private final AtomicLong rrn = new AtomicLong(100_000_000_000L);

        @Override
        public boolean process(ISOSource source, ISOMsg m) {
            try {
                ISOMsg r = (ISOMsg) m.clone();
                r.setResponseMTI();
                long n = rrn.incrementAndGet();
                r.set(37, Long.toString(n));
                r.set(38, String.format("%06d", n % 1_000_000));
                r.set(39, "00");
                source.send(r);
            } catch (ISOException | java.io.IOException e) {
                // the connection went away; ISOServer's session ends on its own
            }
            return true;
        }
    }
}
