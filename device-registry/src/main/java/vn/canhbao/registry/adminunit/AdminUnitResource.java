package vn.canhbao.registry.adminunit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.canhbao.registry.db.Jdbc;

/**
 * {@code GET /api/v1/admin-units/provinces}: the 34 provinces with their former provinces and KV
 * groups; {@code GET /api/v1/admin-units/communes?province=15}: communes with their current and
 * former province and KV group (null when the former province is not known). Provinces are loaded
 * by migration, communes by migration (demo) or by {@code POST
 * /api/v1/admin-units/communes/import[?dryRun=true]} (admin only, {@code text/csv}, see {@link
 * CommuneCsv}): 200 with the {@link CommuneImportReport} when the file is valid (applied unless a
 * dry run), 422 with the report when any row has an issue (nothing applied).
 */
@Path("/api/v1/admin-units")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUnitResource {
    private final Jdbc jdbc;
    private final CommuneImportService communeImport;

    public AdminUnitResource(Jdbc jdbc, CommuneImportService communeImport) {
        this.jdbc = jdbc;
        this.communeImport = communeImport;
    }

    @POST
    @Path("communes/import")
    @Consumes("text/csv")
    public Response importCommunes(
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, String body) {
        CommuneImportReport report = communeImport.apply(CommuneCsv.parse(body), dryRun);
        return Response.status(report.issues().isEmpty() ? 200 : 422).entity(report).build();
    }

    /** The 34 provinces, by code, each with its former provinces and their KV groups. */
    @GET
    @Path("provinces")
    public List<Province> provinces() {
        String sql =
                "SELECT p.code, p.name, f.code, f.name, f.kv_group FROM provinces p "
                        + "LEFT JOIN former_provinces f ON f.merged_into = p.code "
                        + "ORDER BY p.code, f.code";
        return jdbc.inSnapshot(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql);
                            ResultSet rs = ps.executeQuery()) {
                        Map<String, Province> byCode = new LinkedHashMap<>();
                        while (rs.next()) {
                            String name = rs.getString(2);
                            Province p =
                                    byCode.computeIfAbsent(
                                            rs.getString(1),
                                            code -> new Province(code, name, new ArrayList<>()));
                            if (rs.getString(3) != null) {
                                p.formerProvinces()
                                        .add(
                                                new Province.Former(
                                                        rs.getString(3),
                                                        rs.getString(4),
                                                        rs.getString(5)));
                            }
                        }
                        return List.copyOf(byCode.values());
                    }
                });
    }

    @GET
    @Path("communes")
    public List<Commune> communes(@QueryParam("province") String provinceCode) {
        String sql =
                "SELECT c.code, c.name, p.code, p.name, f.code, f.name, f.kv_group FROM communes c "
                        + "JOIN provinces p ON p.code = c.province_code "
                        + "LEFT JOIN former_provinces f ON f.code = c.former_province_code "
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
