package vn.canhbao.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./canhbao}: runs the whole platform on this machine until Ctrl-C. */
@Command(
        name = "canhbao",
        mixinStandardHelpOptions = true,
        description =
                "Chạy toàn bộ nền tảng canhbao trên máy này / Runs the whole canhbao platform on this machine.")
public final class LocalPlatformMain implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            description = "Thư mục dữ liệu / folder for all data and logs (default: ./data)")
    Path dataDir;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description =
                    "Cổng bảng điều khiển / console HTTP port, 0 = any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--postgres-url",
            description =
                    "Dùng PostgreSQL có sẵn / use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://127.0.0.1:5432/")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "postgres")
    String postgresUser;

    @Option(names = "--postgres-password", defaultValue = "")
    String postgresPassword;

    @Option(
            names = "--mqtt",
            defaultValue = "AUTO",
            description =
                    "auto | mosquitto | embedded (default: ${DEFAULT-VALUE}: Mosquitto if installed)")
    MqttBroker.Kind mqtt;

    @Option(
            names = "--no-gateways",
            description = "Không chạy trạm mô phỏng / do not run the simulated gateways")
    boolean noGateways;

    @Option(
            names = "--time-scale",
            defaultValue = "1.0",
            description =
                    "Tốc độ kịch bản / scenario seconds per real second (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Override
    public Integer call() throws InterruptedException {
        Path home = Path.of(System.getProperty("canhbao.home", ".")).toAbsolutePath().normalize();
        PlatformConfig config =
                new PlatformConfig(
                        home,
                        dataDir == null ? home.resolve("data") : dataDir,
                        port,
                        Optional.ofNullable(postgresUrl),
                        postgresUser,
                        postgresPassword,
                        mqtt,
                        !noGateways,
                        timeScale,
                        Duration.ofSeconds(180));
        System.out.println(
                "canhbao: đang khởi động / starting (dữ liệu / data: "
                        + config.dataDir().toAbsolutePath()
                        + ") ...");
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(config);
        } catch (PlatformException e) {
            System.err.println(
                    "canhbao: không khởi động được / could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("canhbao: đang dừng / stopping ...");
                                    platform.close();
                                    stopped.countDown();
                                    System.out.println("canhbao: đã dừng / stopped.");
                                },
                                "canhbao-shutdown"));
        System.out.println(platform.banner());
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int code =
                new CommandLine(new LocalPlatformMain())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
