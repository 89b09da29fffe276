package vn.canhbao.vms.camera;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.jboss.logging.Logger;

/**
 * A camera simulated in-process: a moving test pattern, encoded once (H.264 with libopenh264 when
 * this FFmpeg build has it, else MPEG-4 Part 2) into MPEG-TS and served on {@code
 * http://127.0.0.1:PORT/cam.ts} as HTTP/1.1 with an endless {@code video/mp2t} body, like {@code
 * ffmpeg -f mpegts -listen 1 http://…}.
 *
 * <p>Like a real camera it is a separate producer: its encoder runs at its own frame rate whether
 * or not anyone watches, and clients join the running stream (at a TS packet boundary; the muxer
 * repeats its tables and the encoder its parameter sets at every keyframe). Any number of clients;
 * a client that stops reading is dropped. The HTTP side is written in Java rather than FFmpeg's
 * {@code listen=1} because JavaCV holds a process-wide lock during {@code start()}, which would
 * block the recorder's grabber while FFmpeg waits for it. Two daemon threads (encoder, acceptor).
 */
public final class SimulatedCamera implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SimulatedCamera.class);

    /**
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     * @param width pixels, even
     * @param height pixels, even
     * @param framesPerSecond 1 to 30
     * @param keyframeInterval frames between keyframes, at least 1
     */
    public record Settings(
            int port, int width, int height, int framesPerSecond, int keyframeInterval) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: expected 0 to 65535, got " + port);
            }
            if (width < 16 || width > 1920 || width % 2 != 0) {
                throw new IllegalArgumentException(
                        "width: expected an even number from 16 to 1920, got " + width);
            }
            if (height < 16 || height > 1080 || height % 2 != 0) {
                throw new IllegalArgumentException(
                        "height: expected an even number from 16 to 1080, got " + height);
            }
            if (framesPerSecond < 1 || framesPerSecond > 30) {
                throw new IllegalArgumentException(
                        "framesPerSecond: expected 1 to 30, got " + framesPerSecond);
            }
            if (keyframeInterval < 1) {
                throw new IllegalArgumentException(
                        "keyframeInterval: expected at least 1, got " + keyframeInterval);
            }
        }
    }

    private final Settings settings;
    private final ServerSocket server;
    private final int port;
    private final String encoder;
    private final TsFanOut fanOut = new TsFanOut();
    private final Thread encoderThread;
    private final Thread acceptThread;
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong clientsServed = new AtomicLong();
    private final CountDownLatch encoderStarted = new CountDownLatch(1);
    private volatile boolean running;

    public SimulatedCamera(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        try {
            this.server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()));
            server.setSoTimeout(500);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot listen on 127.0.0.1:" + settings.port() + " for the simulated camera",
                    e);
        }
        this.port = server.getLocalPort();
        this.encoder = chooseEncoder();
        this.encoderThread = new Thread(this::encode, "vms-simulated-camera-encoder-" + port);
        this.acceptThread = new Thread(this::accept, "vms-simulated-camera-http-" + port);
        encoderThread.setDaemon(true);
        acceptThread.setDaemon(true);
    }

    /** The encoder this FFmpeg build offers: {@code libopenh264} if present, else {@code mpeg4}. */
    public static String chooseEncoder() {
        AVCodec h264 = avcodec_find_encoder_by_name("libopenh264");
        return h264 != null && !h264.isNull() ? "libopenh264" : "mpeg4";
    }

    /** FFmpeg codec name of the stream, e.g. {@code h264}: what recordings must contain. */
    public String codecName() {
        return avcodec_get_name(avcodec_find_encoder_by_name(encoder).id()).getString();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/cam.ts";
    }

    public int port() {
        return port;
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long clientsServed() {
        return clientsServed.get();
    }

    public synchronized SimulatedCamera start() {
        if (!running) {
            running = true;
            encoderThread.start();
            // Clients are accepted only once the encoder runs: a grabber probing this camera holds
            // JavaCV's process-wide start lock, which the encoder's start() also needs.
            try {
                if (!encoderStarted.await(30, TimeUnit.SECONDS)) {
                    LOG.warnf("simulated camera %s: encoder not started after 30 s", url());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            acceptThread.start();
            LOG.infof(
                    "simulated camera on %s (%s %dx%d at %d fps)",
                    url(),
                    encoder,
                    settings.width(),
                    settings.height(),
                    settings.framesPerSecond());
        }
        return this;
    }

    /** Stops the encoder, closes the listening socket and every client. */
    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debugf("simulated camera %s: %s", url(), e.getMessage());
        }
        try {
            acceptThread.join(5000);
            encoderThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fanOut.close();
    }

    private void encode() {
        Frame frame = new Frame(settings.width(), settings.height(), Frame.DEPTH_UBYTE, 3);
        byte[] row = new byte[frame.imageStride];
        FFmpegFrameRecorder out =
                new FFmpegFrameRecorder(fanOut, settings.width(), settings.height(), 0);
        out.setFormat("mpegts");
        out.setVideoCodecName(encoder);
        out.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        out.setFrameRate(settings.framesPerSecond());
        out.setGopSize(settings.keyframeInterval());
        out.setVideoBitrate(200_000);
        try {
            out.start();
            encoderStarted.countDown();
            long period = TimeUnit.SECONDS.toNanos(1) / settings.framesPerSecond();
            long next = System.nanoTime();
            long tick = 0;
            while (running) {
                paint(frame, row, tick++);
                out.record(frame);
                framesSent.incrementAndGet();
                next += period;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (FrameRecorder.Exception e) {
            encoderStarted.countDown();
            LOG.errorf(e, "simulated camera %s: encoder failed", url());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (FrameRecorder.Exception e) {
                LOG.warnf("simulated camera %s: cannot release encoder: %s", url(), e.getMessage());
            }
        }
    }

    private void accept() {
        while (running) {
            Socket client;
            try {
                client = server.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (running) {
                    LOG.errorf(e, "simulated camera %s: cannot accept", url());
                }
                break;
            }
            try {
                client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(5));
                readRequestHead(client.getInputStream());
                client.getOutputStream()
                        .write(
                                ("HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\n"
                                                + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                fanOut.attach(client);
                clientsServed.incrementAndGet();
            } catch (IOException e) {
                LOG.infof("simulated camera %s: bad client request: %s", url(), e.getMessage());
                TsFanOut.closeQuietly(client);
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        int total = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before sending a request");
            }
            if (++total > 16_384) {
                throw new IOException("request head longer than 16 KiB");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Diagonal colour bands drifting across and a white square bouncing left and right. */
    private void paint(Frame frame, byte[] row, long tick) {
        int w = settings.width();
        int h = settings.height();
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int box = h / 4;
        int span = Math.max(1, w - box);
        int pos = (int) (tick * 4 % (2L * span));
        int boxX = pos < span ? pos : 2 * span - pos;
        int boxY = (h - box) / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = x * 3;
                boolean inBox = x >= boxX && x < boxX + box && y >= boxY && y < boxY + box;
                if (inBox) {
                    row[i] = row[i + 1] = row[i + 2] = (byte) 255;
                } else {
                    int band = (int) ((x + y + tick * 3) & 0xff);
                    row[i] = (byte) band;
                    row[i + 1] = (byte) (255 - band);
                    row[i + 2] = (byte) ((y * 255) / h);
                }
            }
            buf.put(y * frame.imageStride, row, 0, w * 3);
        }
    }
}
