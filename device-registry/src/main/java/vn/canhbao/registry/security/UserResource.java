package vn.canhbao.registry.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/users}: admins create users of the local store. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final CurrentActor actor;

    public UserResource(UserService users, CurrentActor actor) {
        this.users = users;
        this.actor = actor;
    }

    @POST
    public Response create(UserBody body) {
        return Response.status(Response.Status.CREATED)
                .entity(users.create(body, actor.name()))
                .build();
    }
}
