package vn.canhbao.vms.camera;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import vn.canhbao.vms.recording.Recorders;
import vn.canhbao.vms.web.ProblemException;

/** {@code /api/v1/cameras}: list and register cameras. */
@Path("/api/v1/cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {
    private final CameraRepository cameras;
    private final Recorders recorders;

    CameraResource(CameraRepository cameras, Recorders recorders) {
        this.cameras = cameras;
        this.recorders = recorders;
    }

    @GET
    public List<Camera> list() {
        return cameras.findAll();
    }

    /** Registers or replaces a camera; a camera with a source URL is recorded at once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(NewCamera body) {
        if (body == null) {
            throw ProblemException.badRequest("body", null, "expected a JSON camera");
        }
        Camera camera = body.toCamera();
        cameras.upsert(camera);
        recorders.ensure(camera.id(), camera.sourceUrl());
        return Response.created(URI.create("/api/v1/cameras/" + camera.id().value()))
                .entity(camera)
                .build();
    }
}
