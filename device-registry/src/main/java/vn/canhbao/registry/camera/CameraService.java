package vn.canhbao.registry.camera;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.security.CurrentActor;

/**
 * Registers cameras. Their RTSP credentials are encrypted with {@link CredentialCipher} before they
 * reach the database; the API and the audit log only ever see {@code hasCredentials}.
 */
@ApplicationScoped
public class CameraService {
    private final Jdbc jdbc;
    private final CameraRepository cameras;
    private final CredentialCipher cipher;
    private final AuditLog audit;
    private final CurrentActor actor;

    public CameraService(
            Jdbc jdbc,
            CameraRepository cameras,
            CredentialCipher cipher,
            AuditLog audit,
            CurrentActor actor) {
        this.jdbc = jdbc;
        this.cameras = cameras;
        this.cipher = cipher;
        this.audit = audit;
        this.actor = actor;
    }

    /**
     * @throws ContractViolation 400 naming the bad field; also when credentials are given but no
     *     encryption key is configured
     * @throws RegistryException 409 when the id is taken, 400 when the site does not exist
     */
    public CameraView create(CameraBody body) {
        CameraBody.Camera camera = Fields.required(body, "body").toCamera();
        byte[] encrypted = null;
        if (camera.credentials().isPresent()) {
            if (!cipher.configured()) {
                throw new ContractViolation(
                        "password",
                        "(hidden)",
                        "cannot store credentials: canhbao.registry.secrets.camera-key is not set");
            }
            encrypted = cipher.encrypt(toJson(camera.credentials().get()), camera.id().value());
        }
        byte[] stored = encrypted;
        return jdbc.inTransaction(
                c -> {
                    cameras.insert(c, camera, stored);
                    CameraView after = cameras.find(c, camera.id()).orElseThrow();
                    audit.record(
                            c, actor.name(), "create", "camera", camera.id().value(), null, after);
                    return after;
                });
    }

    /**
     * @throws RegistryException 404 when there is no such camera
     */
    public CameraView get(String id) {
        CameraId cameraId = Fields.parse(id, "id", CameraId::of);
        return jdbc.inTransaction(c -> cameras.find(c, cameraId))
                .orElseThrow(() -> RegistryException.notFound("camera", cameraId));
    }

    public List<CameraView> ofSite(String siteId) {
        SiteId site = Fields.parse(siteId, "siteId", SiteId::of);
        return jdbc.inTransaction(c -> cameras.ofSite(c, site));
    }

    /**
     * The decrypted credentials, for in-process use by a trusted component (e.g. a future VMS
     * endpoint with its own authorisation); not exposed over HTTP.
     */
    public Optional<CameraCredentials> credentials(CameraId id) {
        return jdbc.inTransaction(c -> cameras.credentialsCipher(c, id))
                .map(encrypted -> fromJson(cipher.decrypt(encrypted, id.value())));
    }

    private static String toJson(CameraCredentials credentials) {
        try {
            return Json.mapper().writeValueAsString(credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render camera credentials", e);
        }
    }

    private static CameraCredentials fromJson(String json) {
        try {
            return Json.mapper().readValue(json, CameraCredentials.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored camera credentials are not valid JSON", e);
        }
    }
}
