package vn.canhbao.edge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;

/**
 * The agent of {@code AgentCrashIT}, run in a child JVM that the test kills with SIGKILL: it
 * appends a backlog of deterministic packs to its journal (continuing at {@link Journal#nextId()}
 * after a restart, so pack {@code k} is always the same readings) while the uplink drains it to the
 * broker. It prints {@code DONE} when everything was appended and acknowledged, then keeps running
 * until killed.
 *
 * <p>Arguments: journalDir brokerUri gateway packs readingsPerPack sensors packsPerSecond
 * replayReadingsPerSecond
 */
public final class CrashingAgentMain {
    private CrashingAgentMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String broker = args[1];
        GatewayId gw = GatewayId.of(args[2]);
        long packs = Long.parseLong(args[3]);
        int perPack = Integer.parseInt(args[4]);
        int sensors = Integer.parseInt(args[5]);
        double packsPerSecond = Double.parseDouble(args[6]);
        double replayLimit = Double.parseDouble(args[7]);

        Journal journal = Journal.open(JournalConfig.defaults(dir));
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        UplinkSettings settings =
                new UplinkSettings(
                                gw,
                                broker,
                                "edge-" + gw.value(),
                                Duration.ofHours(1),
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(2),
                                32,
                                "test")
                        .withReplayReadingsPerSecond(replayLimit);
        MqttUplink uplink = new MqttUplink(settings, journal, executor, Clock.systemUTC());
        uplink.start();
        long next = journal.nextId();
        System.out.println("START nextId=" + next + " waiting=" + journal.stats().records());
        long t0 = System.nanoTime();
        long startIndex = next;
        while (next < packs) {
            journal.append(
                    Priority.TELEMETRY, JournalPacks.pack(gw, next, perPack, sensors), perPack);
            next++;
            if (next % 10 == 0) {
                uplink.wakeUp();
            }
            long due = t0 + (long) ((next - startIndex) / packsPerSecond * 1e9);
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        uplink.wakeUp();
        System.out.println("APPENDED " + next);
        while (!journal.awaitEmpty(Duration.ofSeconds(1))) {
            uplink.wakeUp();
        }
        System.out.println("DONE");
        Thread.sleep(Long.MAX_VALUE);
    }
}
