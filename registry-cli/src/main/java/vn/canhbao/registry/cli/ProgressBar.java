package vn.canhbao.registry.cli;

import java.io.PrintStream;

/**
 * A one-line text progress bar on a terminal stream, e.g. {@code [#########.........] 48% 310/640
 * KiB}. Redraws in place with a carriage return; only when the percentage changes.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final String label;
    private int lastPercent = -1;

    ProgressBar(PrintStream out, long total, String label) {
        this.out = out;
        this.total = Math.max(1, total);
        this.label = label;
    }

    synchronized void update(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        out.print("\r" + render(done));
        out.flush();
    }

    synchronized void finish(String message) {
        out.println("\r" + render(total) + " " + message);
    }

    String render(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        return label
                + " ["
                + "#".repeat(filled)
                + ".".repeat(WIDTH - filled)
                + "] "
                + String.format("%3d%%", percent)
                + " "
                + (done / 1024)
                + "/"
                + (total / 1024)
                + " KiB";
    }
}
