package vn.canhbao.vms.app;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.vms.camera.Camera;
import vn.canhbao.vms.camera.CameraRepository;
import vn.canhbao.vms.camera.SimulatedCamera;
import vn.canhbao.vms.clips.KafkaIntake;
import vn.canhbao.vms.config.VmsConfig;
import vn.canhbao.vms.index.SegmentRepository;
import vn.canhbao.vms.recording.Recorders;
import vn.canhbao.vms.recording.SegmentRecovery;

/**
 * Start and stop order: storage directory, simulated camera (upserted into the camera table with
 * its URL), recovery of unindexed segment files, a recorder per camera with a source URL, the Kafka
 * intake; the reverse on shutdown.
 */
@ApplicationScoped
public class VmsLifecycle {
    private static final Logger LOG = Logger.getLogger(VmsLifecycle.class);

    private final VmsConfig config;
    private final CameraRepository cameras;
    private final Recorders recorders;
    private final KafkaIntake intake;
    private final SegmentRepository index;
    private SimulatedCamera simulated;

    VmsLifecycle(
            VmsConfig config,
            CameraRepository cameras,
            Recorders recorders,
            KafkaIntake intake,
            SegmentRepository index) {
        this.index = index;
        this.config = config;
        this.cameras = cameras;
        this.recorders = recorders;
        this.intake = intake;
    }

    void onStart(@Observes StartupEvent event) {
        System.setProperty("java.awt.headless", "true");
        // JavaCPP's own messages ("Info: …") through slf4j into the Quarkus log, not raw stderr.
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try {
            Files.createDirectories(config.storageDir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "canhbao.vms.storage-dir = '" + config.storageDir() + "': cannot create it", e);
        }
        VmsConfig.SimulatedCamera sim = config.simulatedCamera();
        if (sim.enabled()) {
            simulated =
                    new SimulatedCamera(
                                    new SimulatedCamera.Settings(
                                            sim.port(),
                                            sim.width(),
                                            sim.height(),
                                            sim.framesPerSecond(),
                                            sim.keyframeInterval()))
                            .start();
            cameras.upsert(
                    new Camera(
                            CameraId.of(sim.id()),
                            sim.name(),
                            Optional.of(SiteId.of(sim.site())),
                            new GeoPoint(sim.lat(), sim.lon()),
                            Optional.of(simulated.url())));
        }
        int recovered = SegmentRecovery.recover(config.storageDir(), index::isIndexed, index);
        if (recovered > 0) {
            LOG.infof("indexed %d segment files left unindexed by an earlier run", recovered);
        }
        for (Camera camera : cameras.findAll()) {
            recorders.ensure(camera.id(), camera.sourceUrl());
        }
        if (config.kafka().enabled()) {
            intake.start();
        }
        LOG.infof(
                "vms started: storage %s, segments of %s",
                config.storageDir().toAbsolutePath(), config.segmentDuration());
    }

    void onStop(@Observes ShutdownEvent event) {
        intake.close();
        recorders.stopAll();
        if (simulated != null) {
            simulated.close();
        }
    }
}
