package io.acqsim.iso;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A socket whose peer is a script: each read returns at most what is left of the current chunk, as TCP
 * may deliver a frame in pieces or several frames at once; after the last chunk the peer has closed
 * (end of stream). What the channel writes is kept for {@link #written()}. Nothing is ever waited for.
 */
final class ScriptedSocket extends Socket {
    private final Deque<byte[]> chunks;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int reads;
    private boolean closed;

    ScriptedSocket(List<byte[]> chunks) {
        this.chunks = new ArrayDeque<>(chunks);
    }

    /** Reads that returned data: at least the number of chunks consumed. */
    int reads() { return reads; }

    byte[] written() { return out.toByteArray(); }

    @Override
    public InputStream getInputStream() {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) return 0;
                byte[] chunk = chunks.peek();
                if (chunk == null) return -1;
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                if (pos == chunk.length) {
                    chunks.poll();
                    pos = 0;
                }
                reads++;
                return n;
            }

            /** Nothing is ever known to be ready, so a buffered reader cannot join two chunks in one read. */
            @Override
            public int available() { return 0; }
        };
    }

    @Override
    public OutputStream getOutputStream() { return out; }

    @Override
    public InetAddress getInetAddress() { return InetAddress.getLoopbackAddress(); }

    @Override
    public SocketAddress getRemoteSocketAddress() { return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0); }

    @Override
    public void setSoLinger(boolean on, int linger) { }

    @Override
    public void shutdownOutput() { }

    @Override
    public synchronized void close() { closed = true; }

    @Override
    public boolean isClosed() { return closed; }
}
