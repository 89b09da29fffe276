package vn.canhbao.edge.adapter.camera;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Test camera: a few seconds of a test pattern encoded in-process (H.264 with libopenh264 when this
 * FFmpeg build has it, else MPEG-4 Part 2) into MPEG-TS, served over HTTP on 127.0.0.1 by the JDK's
 * HTTP server at {@code /cam.ts}.
 */
public final class TsCamera implements AutoCloseable {
    final int width;
    final int height;
    final String encoder;
    private final byte[] stream;
    private final HttpServer server;

    public TsCamera(int width, int height, int frames) {
        this.width = width;
        this.height = height;
        AVCodec h264 = avcodec_find_encoder_by_name("libopenh264");
        this.encoder = h264 != null && !h264.isNull() ? "libopenh264" : "mpeg4";
        this.stream = encode(frames);
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/cam.ts",
                ex -> {
                    ex.getResponseHeaders().add("Content-Type", "video/mp2t");
                    ex.sendResponseHeaders(200, stream.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(stream);
                    }
                });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cam.ts";
    }

    /** The FFmpeg codec name a grabber reports for this stream. */
    String codecName() {
        return encoder.equals("libopenh264") ? "h264" : "mpeg4";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private byte[] encode(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out, width, height, 0);
        r.setFormat("mpegts");
        r.setVideoCodecName(encoder);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(10);
        r.setGopSize(10);
        r.setVideoBitrate(200_000);
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        try {
            r.start();
            for (int t = 0; t < frames; t++) {
                ByteBuffer buf = (ByteBuffer) frame.image[0];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int i = y * frame.imageStride + x * 3;
                        buf.put(i, (byte) ((x + t * 4) & 0xff));
                        buf.put(i + 1, (byte) (y & 0xff));
                        buf.put(i + 2, (byte) 128);
                    }
                }
                r.record(frame);
            }
            r.stop();
            r.release();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot encode the test stream", e);
        }
        return out.toByteArray();
    }
}
