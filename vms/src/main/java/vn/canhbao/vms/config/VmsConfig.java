package vn.canhbao.vms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** All settings of the vms service, under {@code canhbao.vms}. */
@ConfigMapping(prefix = "canhbao.vms")
public interface VmsConfig {

    /**
     * Where segment files are written: {@code
     * <storage-dir>/<camera>/<yyyy-MM-dd>/<HHmmss.SSS>Z.mp4}.
     */
    @WithDefault("vms-data")
    Path storageDir();

    /**
     * Target length of one segment; a segment closes at the first keyframe after its wall-clock
     * boundary.
     */
    @WithDefault("10s")
    Duration segmentDuration();

    /** Whether recorders are started for the cameras that have a source URL. */
    @WithDefault("true")
    boolean recordingEnabled();

    Reconnect reconnect();

    SimulatedCamera simulatedCamera();

    Kafka kafka();

    /** How a recorder waits for and retries a camera. */
    interface Reconnect {
        /** Socket read/open timeout towards the camera. */
        @WithDefault("10s")
        Duration ioTimeout();

        /** First wait after the camera drops; doubled after each failed attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** An in-process test-pattern camera served over HTTP MPEG-TS on 127.0.0.1. */
    interface SimulatedCamera {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("cam-nam-cang")
        String id();

        @WithDefault("Camera cầu Nậm Cang (mô phỏng)")
        String name();

        @WithDefault("nam-cang")
        String site();

        @WithDefault("22.2525")
        double lat();

        @WithDefault("103.9810")
        double lon();

        /** TCP port of the HTTP stream; 0 picks a free port at start. */
        @WithDefault("0")
        int port();

        @WithDefault("320")
        int width();

        @WithDefault("240")
        int height();

        @WithDefault("5")
        int framesPerSecond();

        /** Frames between keyframes. */
        @WithDefault("5")
        int keyframeInterval();
    }

    /** The Kafka consumer of alerts and site configuration. */
    interface Kafka {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("vms")
        String groupId();
    }
}
