package io.acqsim.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random capture for one seed: 1 to 3 connections interleaved, each with a handshake, 1 to 15 frames
 * each way (keep-alives among them), cut into random segments — single bytes, a few bytes, several
 * frames at once — some swapped, some sent again with other boundaries, then a FIN each way. Random
 * initial sequence numbers, so some streams wrap. {@link #expected} holds each direction's frames.
 */
final class Fuzz {
    final Synthetic capture = new Synthetic(LinkLayer.ETHERNET);
    /** Per direction ({@code connection + ">"} from the client, {@code "<"} to it): the frame bodies, in order. */
    final Map<String, List<String>> expected = new LinkedHashMap<>();

    Fuzz(long seed) {
        Random r = new Random(seed);
        int connections = 1 + r.nextInt(3);
        List<List<Runnable>> plans = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Endpoint client = Synthetic.endpoint("192.168.1." + (10 + c), 40000 + r.nextInt(20000));
            Endpoint server = Synthetic.endpoint("192.168.1.1", 8583);
            Conversation conv = new Conversation(capture, client, server, r.nextInt(), r.nextInt());
            List<Runnable> plan = new ArrayList<>();
            plan.add(conv::handshake);
            byte[] up = stream(r, conv.id() + ">", "c" + c + "u");
            byte[] down = stream(r, conv.id() + "<", "c" + c + "d");
            List<Runnable> data = new ArrayList<>();
            data.addAll(segments(r, up, (a, b) -> conv.client(up, a, b)));
            data.addAll(segments(r, down, (a, b) -> conv.server(down, a, b)));
            shuffleLightly(r, data);
            plan.addAll(data);
            plan.add(() -> conv.fin(true, up.length));
            plan.add(() -> conv.fin(false, down.length));
            plans.add(plan);
        }
        while (!plans.isEmpty()) {
            int i = r.nextInt(plans.size());
            plans.get(i).remove(0).run();
            if (plans.get(i).isEmpty()) plans.remove(i);
        }
    }

    private byte[] stream(Random r, String key, String tag) {
        int n = 1 + r.nextInt(15);
        List<byte[]> bodies = new ArrayList<>();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) bodies.add(new byte[0]);
            byte[] b = Synthetic.body(tag + i, 5 + tag.length() + r.nextInt(300));
            bodies.add(b);
            want.add(new String(b, StandardCharsets.US_ASCII));
        }
        expected.put(key, want);
        return Synthetic.framed(bodies);
    }

    private interface Sender {
        void send(int from, int to);
    }

    /** Segments covering the stream, plus retransmissions of ranges already sent, cut differently. */
    private static List<Runnable> segments(Random r, byte[] stream, Sender sender) {
        List<Runnable> out = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int size = switch (r.nextInt(3)) {
                case 0 -> 1;
                case 1 -> 1 + r.nextInt(40);
                default -> 1 + r.nextInt(900);
            };
            int from = at, to = Math.min(stream.length, at + size);
            out.add(() -> sender.send(from, to));
            if (r.nextInt(8) == 0) {
                int a = r.nextInt(to), b = a + 1 + r.nextInt(to - a);
                out.add(() -> sender.send(a, b));
            }
            at = to;
        }
        return out;
    }

    /** Swaps some neighbours: segments arrive out of order, never far. */
    private static void shuffleLightly(Random r, List<Runnable> l) {
        for (int i = 1; i < l.size(); i++) {
            if (r.nextInt(6) == 0) l.set(i - 1, l.set(i, l.get(i - 1)));
        }
    }
}
