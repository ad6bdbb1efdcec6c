package dev.switchboard.bench.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin local addresses 127.0.0.1..127.0.0.n for outgoing sockets. One source address has only
 * 28,232 ephemeral ports (32768-60999) towards a given server port, and ports of closed sockets linger in
 * TIME_WAIT; spreading connections over several loopback sources keeps large runs and back-to-back
 * scenarios from running out. Used only when the target itself is on loopback.
 */
public final class SourceAddresses {
    private final List<InetSocketAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    private SourceAddresses(List<InetSocketAddress> addresses) {
        this.addresses = addresses;
    }

    public static SourceAddresses forTarget(String host, int count) {
        List<InetSocketAddress> list = new ArrayList<>();
        try {
            if (count > 1 && InetAddress.getByName(host).isLoopbackAddress()) {
                for (int i = 1; i <= Math.min(count, 250); i++) {
                    list.add(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}), 0));
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host " + host, e);
        }
        return new SourceAddresses(List.copyOf(list));
    }

    /** The next local address to bind, or {@code null} to let the kernel choose. */
    public InetSocketAddress next() {
        if (addresses.isEmpty()) {
            return null;
        }
        return addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
    }

    public int size() {
        return Math.max(1, addresses.size());
    }
}
