package vn.canhbao.vms.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The encoder's output stream: copies the MPEG-TS bytes to every attached client, starting each new
 * client at a 188-byte TS packet boundary. A client whose write fails is closed and dropped; with
 * no client the bytes are discarded, as a camera does. Thread-safe.
 */
final class TsFanOut extends OutputStream {
    private static final Logger LOG = Logger.getLogger(TsFanOut.class);
    private static final int TS_PACKET = 188;

    private final List<Socket> clients = new ArrayList<>();
    private final List<Socket> joining = new ArrayList<>();
    private long written;

    synchronized void attach(Socket client) {
        joining.add(client);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        clients.removeIf(s -> !send(s, b, off, len));
        if (!joining.isEmpty()) {
            int skip = (int) ((TS_PACKET - written % TS_PACKET) % TS_PACKET);
            if (skip < len) {
                for (Socket s : joining) {
                    if (send(s, b, off + skip, len - skip)) {
                        clients.add(s);
                    }
                }
                joining.clear();
            }
        }
        written += len;
    }

    private static boolean send(Socket s, byte[] b, int off, int len) {
        try {
            s.getOutputStream().write(b, off, len);
            return true;
        } catch (IOException e) {
            LOG.debugf(
                    "simulated camera client %s gone: %s",
                    s.getRemoteSocketAddress(), e.getMessage());
            closeQuietly(s);
            return false;
        }
    }

    @Override
    public synchronized void close() {
        clients.forEach(TsFanOut::closeQuietly);
        joining.forEach(TsFanOut::closeQuietly);
        clients.clear();
        joining.clear();
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debugf("closing %s: %s", s.getRemoteSocketAddress(), e.getMessage());
        }
    }
}
