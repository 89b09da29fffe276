package vn.canhbao.registry.broker;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code /api/v1/broker}: the files a Mosquitto broker loads, for a deployment that fetches them
 * (e.g. {@code curl -o /etc/mosquitto/crl.pem .../crl && kill -HUP $(pidof mosquitto)}).
 */
@Path("/api/v1/broker")
public class BrokerResource {
    private final BrokerFiles files;
    private final vn.canhbao.registry.ca.RegistryCa ca;

    public BrokerResource(BrokerFiles files, vn.canhbao.registry.ca.RegistryCa ca) {
        this.files = files;
        this.ca = ca;
    }

    /** The ACL file ({@code acl_file}). */
    @GET
    @Path("acl")
    @Produces("text/plain")
    public String acl() {
        return files.acl();
    }

    /** A freshly signed CRL, PEM ({@code crlfile}). */
    @GET
    @Path("crl")
    @Produces("application/x-pem-file")
    public String crl() {
        return files.crl();
    }

    /** The registry CA certificate, PEM ({@code cafile}). */
    @GET
    @Path("ca")
    @Produces("application/x-pem-file")
    public String ca() {
        return ca.get().certificatePem();
    }
}
