package vn.canhbao.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.canhbao.contracts.Json;

/**
 * {@code registry-cli}: the technician's command line over the device registry's REST API.
 *
 * <pre>
 * java -jar registry-cli/target/registry-cli.jar --url http://HOST:8081 --user tech1 list
 * java -jar registry-cli.jar provision --site ta-van --gateway gw-ta-van-2 [--qr label.svg]
 * java -jar registry-cli.jar import sensors.csv [--kind sensors] [--dry-run]
 * java -jar registry-cli.jar import-communes communes.csv [--dry-run]   (admin)
 * </pre>
 *
 * The password comes from the environment variable named by {@code --password-env} (default {@code
 * CANHBAO_PASSWORD}), never from the command line, so it stays out of the shell history. Exit
 * codes: 0 done, 1 refused by the registry (the problem is printed), 2 usage, 3 cannot reach the
 * registry.
 */
@Command(
        name = "registry-cli",
        mixinStandardHelpOptions = true,
        version = "registry-cli 0.1",
        description = "Đăng ký thiết bị canhbao / canhbao device registry, for technicians.",
        subcommands = {
            RegistryCli.ListCommand.class,
            RegistryCli.ProvisionCommand.class,
            RegistryCli.ImportCommand.class,
            RegistryCli.ImportCommunesCommand.class
        })
public final class RegistryCli {
    static final int REFUSED = 1;
    static final int UNREACHABLE = 3;

    @Option(
            names = "--url",
            defaultValue = "${env:CANHBAO_REGISTRY_URL:-http://127.0.0.1:8081}",
            description = "registry base URL (env CANHBAO_REGISTRY_URL)")
    URI url;

    @Option(
            names = "--user",
            description = "user name (env CANHBAO_USER)",
            defaultValue = "${env:CANHBAO_USER}")
    String user;

    @Option(
            names = "--password-env",
            defaultValue = "CANHBAO_PASSWORD",
            description = "environment variable holding the password")
    String passwordEnv;

    PrintStream out = System.out;
    PrintStream err = System.err;

    RegistryClient client() {
        return new RegistryClient(
                url, Optional.ofNullable(user), Optional.ofNullable(System.getenv(passwordEnv)));
    }

    public static void main(String[] args) {
        System.exit(run(new RegistryCli(), args));
    }

    static int run(RegistryCli cli, String... args) {
        CommandLine cl = new CommandLine(cli);
        cl.setOut(new java.io.PrintWriter(cli.out, true));
        cl.setErr(new java.io.PrintWriter(cli.err, true));
        return cl.execute(args);
    }

    /** Runs one API interaction, mapping transport failures to exit code 3. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.ParentCommand RegistryCli parent;

        interface Call {
            int run(RegistryClient client) throws IOException, InterruptedException;
        }

        int call(Call call) {
            try {
                return call.run(parent.client());
            } catch (IOException e) {
                parent.err.println("Không kết nối được / cannot reach " + parent.url + ": " + e);
                return UNREACHABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return UNREACHABLE;
            }
        }

        /** Uploads {@code file} with a progress bar on stderr and prints every reported issue. */
        RegistryClient.Answer upload(RegistryClient client, String path, Path file, String type)
                throws IOException, InterruptedException {
            byte[] body = Files.readAllBytes(file);
            ProgressBar bar = new ProgressBar(parent.err, body.length, "Tải lên / upload");
            RegistryClient.Answer a = client.postWithProgress(path, type, body, bar::update);
            bar.finish("HTTP " + a.status());
            return a;
        }

        void printIssues(JsonNode report) {
            for (JsonNode i : report.path("issues")) {
                parent.out.printf(
                        "dòng/row %d, %s: %s%n",
                        i.path("row").asInt(), i.path("field").asText(), i.path("reason").asText());
            }
        }

        String outcome(JsonNode report, boolean dryRun, int status) {
            return report.path("applied").asBoolean()
                    ? "Đã nhập / applied"
                    : dryRun && status == 200
                            ? "Hợp lệ, chưa nhập / valid, dry run"
                            : "Không nhập gì / nothing applied";
        }

        int refused(RegistryClient.Answer a) {
            parent.err.println("Bị từ chối / refused (HTTP " + a.status() + "): " + a.body());
            return REFUSED;
        }
    }

    @Command(
            name = "list",
            description = "List sites with their versions (default) or one site's cameras.")
    static final class ListCommand extends Base {
        @Override
        public Integer call() {
            return call(
                    client -> {
                        RegistryClient.Answer a = client.get("/api/v1/sites");
                        if (!a.ok()) {
                            return refused(a);
                        }
                        JsonNode sites = Json.mapper().readTree(a.body());
                        parent.out.printf(
                                "%-24s %-28s %-20s %-12s %s%n",
                                "ID", "TÊN / NAME", "XÃ / COMMUNE", "TỈNH", "VERSION");
                        for (JsonNode s : sites) {
                            parent.out.printf(
                                    "%-24s %-28s %-20s %-12s %d/%d%n",
                                    s.path("id").asText(),
                                    s.path("name").asText(),
                                    s.path("commune").asText(),
                                    s.path("province").asText(),
                                    s.path("publishedVersion").asLong(),
                                    s.path("version").asLong());
                        }
                        parent.out.println(sites.size() + " site(s)");
                        return 0;
                    });
        }
    }

    @Command(
            name = "provision",
            description =
                    "Create a gateway at a site and issue its one-time claim code (when the registry offers claim codes).")
    static final class ProvisionCommand extends Base {
        @Option(names = "--site", required = true)
        String site;

        @Option(names = "--gateway", required = true)
        String gateway;

        @Option(names = "--name")
        String name;

        @Option(names = "--qr", description = "write the claim QR code (SVG) to this file")
        Path qr;

        @Override
        public Integer call() {
            return call(
                    client -> {
                        var body =
                                Json.mapper()
                                        .createObjectNode()
                                        .put("id", gateway)
                                        .put("siteId", site);
                        if (name != null) {
                            body.put("name", name);
                        }
                        RegistryClient.Answer created =
                                client.postJson("/api/v1/gateways", body.toString());
                        if (created.status() == 409) {
                            parent.out.println("Gateway " + gateway + " đã có / already exists");
                        } else if (!created.ok()) {
                            return refused(created);
                        } else {
                            parent.out.println(
                                    "Đã tạo gateway / created " + gateway + " at " + site);
                        }
                        RegistryClient.Answer code =
                                client.postJson(
                                        "/api/v1/gateways/" + gateway + "/claim-code", "{}");
                        if (code.status() == 404 || code.status() == 405) {
                            parent.out.println(
                                    "Registry này chưa cấp mã nhận / this registry issues no claim codes");
                            return 0;
                        }
                        if (!code.ok()) {
                            return refused(code);
                        }
                        JsonNode c = Json.mapper().readTree(code.body());
                        parent.out.println("Mã nhận / claim code: " + c.path("claimCode").asText());
                        parent.out.println("Hết hạn / expires: " + c.path("expiresAt").asText());
                        if (qr != null && c.hasNonNull("qrSvg")) {
                            Files.writeString(qr, c.path("qrSvg").asText(), StandardCharsets.UTF_8);
                            parent.out.println("QR: " + qr);
                        }
                        return 0;
                    });
        }
    }

    @Command(
            name = "import",
            description =
                    "Import sites (CSV or GeoJSON) or sensors (CSV), all or nothing, with a progress bar.")
    static final class ImportCommand extends Base {
        @Parameters(index = "0", description = "the file (.csv, .geojson or .json)")
        Path file;

        @Option(
                names = "--kind",
                defaultValue = "sensors",
                description = "sites or sensors (default ${DEFAULT-VALUE})")
        String kind;

        @Option(names = "--dry-run", description = "validate only; apply nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            if (!kind.equals("sites") && !kind.equals("sensors")) {
                parent.err.println("--kind: expected sites or sensors (got " + kind + ")");
                return 2;
            }
            return call(
                    client -> {
                        String name = file.getFileName().toString().toLowerCase();
                        String type = name.endsWith(".csv") ? "text/csv" : "application/geo+json";
                        RegistryClient.Answer a =
                                upload(
                                        client,
                                        "/api/v1/import/" + kind + (dryRun ? "?dryRun=true" : ""),
                                        file,
                                        type);
                        if (a.status() != 200 && a.status() != 422) {
                            return refused(a);
                        }
                        JsonNode report = Json.mapper().readTree(a.body());
                        printIssues(report);
                        parent.out.printf(
                                "%s: %d row(s), %d site(s), %d sensor(s), %d issue(s)%n",
                                outcome(report, dryRun, a.status()),
                                report.path("rows").asInt(),
                                report.path("sites").asInt(),
                                report.path("sensors").asInt(),
                                report.path("issues").size());
                        return a.status() == 200 ? 0 : REFUSED;
                    });
        }
    }

    @Command(
            name = "import-communes",
            description =
                    "Import the commune catalogue (CSV code,name,province_code,former_province_code), all or nothing; admin only.")
    static final class ImportCommunesCommand extends Base {
        @Parameters(index = "0", description = "the CSV file (UTF-8)")
        Path file;

        @Option(names = "--dry-run", description = "validate only; apply nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            return call(
                    client -> {
                        RegistryClient.Answer a =
                                upload(
                                        client,
                                        "/api/v1/admin-units/communes/import"
                                                + (dryRun ? "?dryRun=true" : ""),
                                        file,
                                        "text/csv; charset=UTF-8");
                        if (a.status() != 200 && a.status() != 422) {
                            return refused(a);
                        }
                        JsonNode report = Json.mapper().readTree(a.body());
                        printIssues(report);
                        parent.out.printf(
                                "%s: %d row(s), %d new, %d updated, %d unchanged, %d issue(s)%n",
                                outcome(report, dryRun, a.status()),
                                report.path("rows").asInt(),
                                report.path("inserted").asInt(),
                                report.path("updated").asInt(),
                                report.path("unchanged").asInt(),
                                report.path("issues").size());
                        return a.status() == 200 ? 0 : REFUSED;
                    });
        }
    }
}
