package vn.canhbao.ops.alerts;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.canhbao.ops.live.LiveFeed;
import vn.canhbao.ops.problem.ProblemException;

/** The alerts API. Errors are RFC 9457 problem details. */
@Path("/api/v1/alerts")
@Tag(name = "alerts")
public class AlertResource {
    static final int MAX_LIMIT = 1000;
    static final int MAX_BY_CHARS = 100;

    private final AlertStore store;
    private final LiveFeed feed;
    private final Clock clock;

    public AlertResource(AlertStore store, LiveFeed feed, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Alerts, newest first, with site name and place")
    public List<AlertView> list(
            @Parameter(description = "open (default): not cleared; all: every alert")
                    @QueryParam("state")
                    @DefaultValue("open")
                    String state,
            @Parameter(description = "at most this many, 1 to 1000")
                    @QueryParam("limit")
                    @DefaultValue("200")
                    int limit) {
        boolean openOnly =
                switch (state) {
                    case "open" -> true;
                    case "all" -> false;
                    default ->
                            throw ProblemException.badRequest(
                                    "state", "\"" + state + "\"", "expected open or all");
                };
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", limit, "expected 1 to " + MAX_LIMIT);
        }
        return store.list(openOnly, limit);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One alert with every transition received and every acknowledgement")
    public AlertDetail get(@PathParam("id") String id) {
        return store.detail(id).orElseThrow(() -> ProblemException.notFound("alert", id));
    }

    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Acknowledge an alert: records who and when; the episode's state and revision do not change")
    public AlertView acknowledge(@PathParam("id") String id, AckRequest request) {
        String by = request == null ? null : request.by();
        if (by == null || by.isBlank() || by.length() > MAX_BY_CHARS) {
            throw ProblemException.badRequest(
                    "by",
                    by == null ? "nothing" : "\"" + by + "\"",
                    "expected 1 to " + MAX_BY_CHARS + " characters");
        }
        AlertView alert =
                store.acknowledge(id, by.strip(), clock.instant())
                        .orElseThrow(() -> ProblemException.notFound("alert", id));
        feed.publishAlert(alert);
        return alert;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary =
                    "Server-Sent Events: 'ready' on connect, then 'alert' with the alert as JSON after each change")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        feed.connect(sink, sse);
    }
}
