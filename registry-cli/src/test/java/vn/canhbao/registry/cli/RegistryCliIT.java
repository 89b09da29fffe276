package vn.canhbao.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a stand-in registry on a loopback HTTP server that answers like the real one (the
 * real registry's import and listing are covered by device-registry's ImportIT).
 */
class RegistryCliIT {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                ex -> {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    seen.add(
                            ex.getRequestMethod()
                                    + " "
                                    + ex.getRequestURI()
                                    + " auth="
                                    + ex.getRequestHeaders().getFirst("Authorization")
                                    + " bytes="
                                    + body.length);
                    String path = ex.getRequestURI().getPath();
                    if (path.equals("/api/v1/sites")) {
                        reply(
                                ex,
                                200,
                                "[{\"id\":\"ta-van\",\"name\":\"Suối Mường Hoa\",\"commune\":\"Xã Tả Van\","
                                        + "\"province\":\"Lào Cai\",\"version\":4,\"publishedVersion\":4}]");
                    } else if (path.equals("/api/v1/gateways")) {
                        reply(ex, 201, "{\"id\":\"gw-x\"}");
                    } else if (path.equals("/api/v1/gateways/gw-x/claim-code")) {
                        reply(
                                ex,
                                201,
                                "{\"gatewayId\":\"gw-x\",\"claimCode\":\"ABCD-EFGH-JKLM\","
                                        + "\"expiresAt\":\"2026-11-23T00:00:00Z\",\"qrSvg\":\"<svg/>\"}");
                    } else if (path.equals("/api/v1/import/sensors")) {
                        reply(
                                ex,
                                422,
                                "{\"applied\":false,\"dryRun\":false,\"rows\":2,\"sites\":0,\"sensors\":0,"
                                        + "\"issues\":[{\"row\":3,\"field\":\"gateway_id\",\"reason\":\"gateway gw-q does not exist\"}]}");
                    } else if (path.equals("/api/v1/admin-units/communes/import")) {
                        seen.add("type=" + ex.getRequestHeaders().getFirst("Content-Type"));
                        reply(
                                ex,
                                200,
                                "{\"applied\":true,\"dryRun\":false,\"rows\":3,\"inserted\":2,"
                                        + "\"updated\":1,\"unchanged\":0,\"issues\":[]}");
                    } else {
                        reply(ex, 404, "{}");
                    }
                });
        server.start();
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        RegistryCli cli = new RegistryCli();
        cli.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cli.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 4];
        all[0] = "--url";
        all[1] = "http://127.0.0.1:" + server.getAddress().getPort();
        all[2] = "--user";
        all[3] = "tech1";
        System.arraycopy(args, 0, all, 4, args.length);
        return RegistryCli.run(cli, all);
    }

    @Test
    void listPrintsTheSitesWithTheirVersionsAuthenticated() {
        assertThat(run("list")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("ta-van", "Suối Mường Hoa", "4/4");
        assertThat(seen).singleElement().asString().contains("auth=Basic ");
    }

    @Test
    void provisionCreatesTheGatewayAndSavesTheClaimQrCode(@TempDir Path dir) throws IOException {
        Path qr = dir.resolve("gw-x.svg");

        assertThat(run("provision", "--site", "ta-van", "--gateway", "gw-x", "--qr", qr.toString()))
                .isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ABCD-EFGH-JKLM");
        assertThat(Files.readString(qr)).isEqualTo("<svg/>");
        assertThat(seen.get(0)).startsWith("POST /api/v1/gateways ");
    }

    @Test
    void importUploadsWithProgressAndPrintsEveryIssue(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("sensors.csv");
        StringBuilder sb = new StringBuilder("id,gateway_id,quantity,expected_interval_seconds\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("s-").append(i).append(",gw-q,rain,60\n");
        }
        Files.writeString(csv, sb);

        assertThat(run("import", csv.toString())).isEqualTo(RegistryCli.REFUSED);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("dòng/row 3, gateway_id: gateway gw-q does not exist")
                .contains("nothing applied");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("100%").contains("HTTP 422");
        assertThat(seen.get(0)).contains("bytes=" + Files.size(csv));
    }

    @Test
    void importCommunesUploadsTheCatalogueAsUtf8CsvAndPrintsTheCounts(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("communes.csv");
        Files.writeString(
                csv,
                "code,name,province_code,former_province_code\n"
                        + "90001,Xã Thử,04,04\n90002,Phường Thử,04,\n90003,Xã Trà Leng,48,49\n",
                StandardCharsets.UTF_8);

        assertThat(run("import-communes", csv.toString())).isZero();

        assertThat(seen.get(0))
                .startsWith("POST /api/v1/admin-units/communes/import ")
                .contains("bytes=" + Files.size(csv));
        assertThat(seen.get(1)).isEqualTo("type=text/csv; charset=UTF-8");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("applied: 3 row(s), 2 new, 1 updated, 0 unchanged, 0 issue(s)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("100%").contains("HTTP 200");
    }

    @Test
    void anUnreachableRegistryIsExitCode3() {
        server.stop(0);

        assertThat(run("list")).isEqualTo(RegistryCli.UNREACHABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach");
    }
}
