package vn.canhbao.vms.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import vn.canhbao.vms.config.VmsConfig;
import vn.canhbao.vms.index.Segment;
import vn.canhbao.vms.index.SegmentRepository;

/** {@code GET /api/v1/segments/{id}/media}: the segment's MP4 file. */
@Path("/api/v1/segments")
public class SegmentMediaResource {
    private final SegmentRepository segments;
    private final VmsConfig config;

    SegmentMediaResource(SegmentRepository segments, VmsConfig config) {
        this.segments = segments;
        this.config = config;
    }

    @GET
    @Path("/{id}/media")
    @Produces("video/mp4")
    public Response media(@PathParam("id") String id) {
        long segmentId;
        try {
            segmentId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("id", id, "expected a segment id (a whole number)");
        }
        Segment segment =
                segments.find(segmentId)
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "id = '" + id + "': no such segment"));
        java.nio.file.Path root = config.storageDir().toAbsolutePath().normalize();
        java.nio.file.Path file = root.resolve(segment.path()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw ProblemException.notFound(
                    "id = '" + id + "': the file of this segment is no longer on disk");
        }
        return Response.ok(file.toFile(), "video/mp4")
                .header(
                        "Content-Disposition",
                        "inline; filename=\"" + segment.camera() + "-" + segment.id() + ".mp4\"")
                .build();
    }
}
