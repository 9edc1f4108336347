package io.acqsim.capture;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** One end of a TCP connection; prints as {@code 10.0.0.5:40312} or {@code [2001:db8::5]:40312}. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {

    public static Endpoint of(InetSocketAddress a) {
        return new Endpoint(a.getAddress(), a.getPort());
    }

    static Endpoint of(byte[] packet, int addressAt, int addressLength, int port) {
        try {
            return new Endpoint(InetAddress.getByAddress(Arrays.copyOfRange(packet, addressAt, addressAt + addressLength)), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = Arrays.compareUnsigned(address.getAddress(), o.address.getAddress());
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return address instanceof Inet6Address ? "[" + v6(address.getAddress()) + "]:" + port : address.getHostAddress() + ":" + port;
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String v6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = Bytes.u16(a, 2 * i);
        int bestAt = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
