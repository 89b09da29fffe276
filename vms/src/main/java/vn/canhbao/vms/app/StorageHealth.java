package vn.canhbao.vms.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.canhbao.vms.config.VmsConfig;

/** Ready only if the storage directory exists and is writable. */
@Readiness
@ApplicationScoped
public class StorageHealth implements HealthCheck {
    private final VmsConfig config;

    StorageHealth(VmsConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ok =
                Files.isDirectory(config.storageDir()) && Files.isWritable(config.storageDir());
        return HealthCheckResponse.named("vms-storage")
                .status(ok)
                .withData("dir", config.storageDir().toAbsolutePath().toString())
                .build();
    }
}
