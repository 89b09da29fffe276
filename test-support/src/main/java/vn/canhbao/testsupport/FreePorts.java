package vn.canhbao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds free TCP ports on the loopback interface. The operating system readily hands the port it
 * just freed to the next request, so two calls in a row could return the same port (two listeners
 * of one Kafka broker once got it); this class never returns a port it returned among its last
 * {@value #REMEMBERED} answers in this JVM.
 */
public final class FreePorts {
    private static final int REMEMBERED = 256;
    private static final Deque<Integer> RECENT = new ArrayDeque<>();

    private FreePorts() {}

    /**
     * A port that was free a moment ago on 127.0.0.1 and was not handed out recently; bind it soon.
     */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = probe();
            if (!RECENT.contains(port)) {
                RECENT.addLast(port);
                if (RECENT.size() > REMEMBERED) {
                    RECENT.removeFirst();
                }
                return port;
            }
        }
        throw new IllegalStateException("no fresh free port on 127.0.0.1 after 1,000 attempts");
    }

    private static int probe() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
