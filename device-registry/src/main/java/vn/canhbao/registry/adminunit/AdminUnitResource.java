package vn.canhbao.registry.adminunit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import vn.canhbao.registry.db.Jdbc;

/**
 * {@code GET /api/v1/admin-units/communes?province=15}: communes with their current and former
 * province and KV group. Read-only; the table is data loaded by migration (demo) or import (full).
 */
@Path("/api/v1/admin-units")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUnitResource {
    private final Jdbc jdbc;

    public AdminUnitResource(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @GET
    @Path("communes")
    public List<Commune> communes(@QueryParam("province") String provinceCode) {
        String sql =
                "SELECT c.code, c.name, p.code, p.name, f.code, f.name, f.kv_group FROM communes c "
                        + "JOIN provinces p ON p.code = c.province_code "
                        + "JOIN former_provinces f ON f.code = c.former_province_code "
                        + "WHERE (?::text IS NULL OR p.code = ?) ORDER BY p.code, c.name";
        return jdbc.inSnapshot(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, provinceCode);
                        ps.setString(2, provinceCode);
                        try (ResultSet rs = ps.executeQuery()) {
                            List<Commune> communes = new ArrayList<>();
                            while (rs.next()) {
                                communes.add(
                                        new Commune(
                                                rs.getString(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5),
                                                rs.getString(6),
                                                rs.getString(7)));
                            }
                            return communes;
                        }
                    }
                });
    }
}
