package vn.canhbao.vms.recording;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.vms.config.VmsConfig;
import vn.canhbao.vms.index.SegmentRepository;

/** The running recorders, one per camera with a source URL; completed segments go to the index. */
@ApplicationScoped
public class Recorders {
    private static final Logger LOG = Logger.getLogger(Recorders.class);

    private final VmsConfig config;
    private final SegmentRepository index;
    private final Map<CameraId, SegmentRecorder> running = new ConcurrentHashMap<>();

    Recorders(VmsConfig config, SegmentRepository index) {
        this.config = config;
        this.index = index;
    }

    /**
     * Starts recording the camera if it has a source URL and recording is enabled; restarts it if
     * the URL changed; stops it if the URL was removed.
     */
    public synchronized void ensure(CameraId camera, Optional<String> sourceUrl) {
        SegmentRecorder current = running.get(camera);
        if (current != null
                && sourceUrl.isPresent()
                && current.settings().sourceUrl().equals(sourceUrl.get())) {
            return;
        }
        if (current != null) {
            running.remove(camera);
            current.close();
        }
        if (sourceUrl.isEmpty() || !config.recordingEnabled()) {
            return;
        }
        RecorderSettings settings =
                new RecorderSettings(
                        camera,
                        sourceUrl.get(),
                        config.storageDir(),
                        new RotationPolicy(config.segmentDuration()),
                        config.reconnect().ioTimeout(),
                        new Backoff(
                                config.reconnect().initialBackoff(),
                                config.reconnect().maxBackoff()),
                        Clock.systemUTC());
        SegmentRecorder recorder = new SegmentRecorder(settings, index);
        running.put(camera, recorder);
        recorder.start();
        LOG.infof(
                "recording camera %s into %s, segments of %s",
                camera, config.storageDir(), config.segmentDuration());
    }

    public Optional<SegmentRecorder> recorder(CameraId camera) {
        return Optional.ofNullable(running.get(camera));
    }

    /** Stops every recorder, completing their open segments. */
    @PreDestroy
    public synchronized void stopAll() {
        running.values().forEach(SegmentRecorder::close);
        running.clear();
    }
}
