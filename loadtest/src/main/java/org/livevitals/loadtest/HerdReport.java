package org.livevitals.loadtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.livevitals.reconnect.Backoff;

/**
 * What {@link HerdRun} writes: each run's attempts as CSV, a chart of attempts per 100 ms, and a
 * summary of all runs as Markdown and CSV.
 */
final class HerdReport {

    /** The width of a bucket on the charts and in the summary's busiest bucket. */
    static final int BUCKET_MS = 100;

    private HerdReport() {}

    /** One run's name and result. */
    record Run(String name, String title, Herd.Result result) {}

    /**
     * Every attempt after the kill, one row each, in time order: {@code client,attempt,ms_since_kill,opened},
     * {@code opened} true for the attempt that brought the client back (its last).
     */
    static String attemptsCsv(Herd.Result result) {
        Map<Integer, List<Integer>> byClient = result.attemptNumbersByClient();
        StringBuilder csv = new StringBuilder("client,attempt,ms_since_kill,opened\n");
        for (Herd.AttemptAt attempt : result.attempts()) {
            List<Integer> own = byClient.get(attempt.client());
            boolean last = attempt.attempt() == own.get(own.size() - 1) && !Double.isNaN(result.reopenedMs()[attempt.client()]);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.1f,%b%n", attempt.client(), attempt.attempt(), attempt.ms(), last));
        }
        return csv.toString();
    }

    static String backoff(Backoff backoff) {
        return String.format(Locale.ROOT, "%d ms doubling, cap %s, %s", backoff.initial().toMillis(),
                seconds(backoff.cap().toMillis()), backoff.jitter() == Backoff.Jitter.NONE ? "no jitter" : "full jitter");
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static final String HEADER = "| run | clients | backoff | attempts after the kill | attempts per client"
            + " | busiest 100 ms | all disconnected | server restarted, accepting, ready | half back | 90 % back | all back"
            + " | all back after the port accepted |";

    static String markdown(List<Run> runs) {
        StringBuilder md = new StringBuilder(HEADER).append('\n')
                .append("|---|--:|---|--:|--:|---|--:|--:|--:|--:|--:|--:|\n");
        for (Run run : runs) {
            Herd.Result r = run.result();
            Herd.Result.Bucket busiest = r.busiest(BUCKET_MS);
            md.append(String.format(Locale.ROOT,
                    "| %s | %,d | %s | %,d | %s | %,d attempts at %.1f–%.1f s | %.2f s | %.1f s, %.2f s, %.2f s | %.2f s | %.2f s"
                            + " | %.2f s | %.2f s |%n",
                    run.name(), r.clients(), backoff(r.backoff()), r.attempts().size(), perClient(r),
                    busiest.attempts(), busiest.startMs() / 1000, (busiest.startMs() + BUCKET_MS) / 1000,
                    r.allDisconnectedMs() / 1000, r.restartedMs() / 1000, r.listeningMs() / 1000, r.readyMs() / 1000,
                    r.backMs(50) / 1000,
                    r.backMs(90) / 1000, r.allBackMs() / 1000, (r.allBackMs() - r.listeningMs()) / 1000));
        }
        return md.toString();
    }

    static String summaryCsv(List<Run> runs) {
        StringBuilder csv = new StringBuilder("run,clients,initial_ms,cap_ms,jitter,attempts,min_attempts_per_client,"
                + "max_attempts_per_client,busiest_bucket_start_ms,busiest_bucket_attempts,all_disconnected_ms,"
                + "restarted_ms,accepting_ms,ready_ms,half_back_ms,ninety_percent_back_ms,all_back_ms,back_after_accepting_ms\n");
        for (Run run : runs) {
            Herd.Result r = run.result();
            Herd.Result.Bucket busiest = r.busiest(BUCKET_MS);
            int[] counts = counts(r);
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%d,%d,%d,%.0f,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f%n",
                    run.name(), r.clients(), r.backoff().initial().toMillis(), r.backoff().cap().toMillis(),
                    r.backoff().jitter().name().toLowerCase(Locale.ROOT), r.attempts().size(), counts[0],
                    counts[counts.length - 1], busiest.startMs(), busiest.attempts(), r.allDisconnectedMs(),
                    r.restartedMs(), r.listeningMs(), r.readyMs(), r.backMs(50), r.backMs(90), r.allBackMs(),
                    r.allBackMs() - r.listeningMs()));
        }
        return csv.toString();
    }

    private static String perClient(Herd.Result r) {
        int[] counts = counts(r);
        return counts[0] == counts[counts.length - 1] ? String.valueOf(counts[0])
                : counts[0] + "–" + counts[counts.length - 1];
    }

    /** Attempts of each client, sorted. */
    private static int[] counts(Herd.Result r) {
        Map<Integer, List<Integer>> byClient = r.attemptNumbersByClient();
        int[] counts = new int[r.clients()];
        byClient.forEach((client, attempts) -> counts[client] = attempts.size());
        Arrays.sort(counts);
        return counts;
    }

    /**
     * Writes {@code <name>.csv} and {@code <name>.png} for each run, and {@code herd.md} and
     * {@code herd-summary.csv} for all, into {@code dir}. The charts share their scales, so they can
     * be compared side by side.
     */
    static void write(List<Run> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        double endSeconds = 0;
        int mostAttempts = 1;
        for (Run run : runs) {
            Herd.Result r = run.result();
            double lastAttempt = r.attempts().stream().mapToDouble(Herd.AttemptAt::ms).max().orElse(0);
            endSeconds = Math.max(endSeconds, Math.max(lastAttempt, r.allBackMs()) / 1000);
            mostAttempts = Math.max(mostAttempts, r.busiest(BUCKET_MS).attempts());
        }
        double xMax = Math.ceil(endSeconds + 0.5);
        double yMax = Math.ceil(mostAttempts * 1.1 / 10) * 10;
        for (Run run : runs) {
            Files.writeString(dir.resolve(run.name() + ".csv"), attemptsCsv(run.result()));
            chart(run, xMax, yMax, dir.resolve(run.name() + ".png"));
        }
        Files.writeString(dir.resolve("herd.md"), markdown(runs));
        Files.writeString(dir.resolve("herd-summary.csv"), summaryCsv(runs));
    }

    private static void chart(Run run, double xMax, double yMax, Path png) throws IOException {
        Herd.Result r = run.result();
        XYChart chart = new XYChartBuilder().width(900).height(480)
.title(String.format(Locale.ROOT, "%s: connection attempts per 100 ms (backoff %s)", run.title(),
                        backoff(r.backoff())))
                .xAxisTitle("seconds since the server was killed").yAxisTitle("attempts per 100 ms").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax).setYAxisMin(0.0).setYAxisMax(yMax);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0");
        int[] buckets = r.perBucket(BUCKET_MS);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            x.add(i * BUCKET_MS / 1000.0);
            y.add((double) buckets[i]);
        }
        x.add(buckets.length * BUCKET_MS / 1000.0); // the last bucket's end
        y.add(0.0);
        XYSeries attempts = chart.addSeries(String.format(Locale.ROOT, "attempts (%,d by %,d clients)",
                r.attempts().size(), r.clients()), x, y);
        attempts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        attempts.setMarker(SeriesMarkers.NONE);
        attempts.setFillColor(new Color(70, 110, 180, 160));
        attempts.setLineColor(new Color(40, 70, 140));
        verticalLine(chart, String.format(Locale.ROOT, "server's port accepting again (%.1f s)", r.listeningMs() / 1000),
                r.listeningMs() / 1000, yMax, new Color(200, 60, 40));
        verticalLine(chart, String.format(Locale.ROOT, "every client back (%.1f s)", r.allBackMs() / 1000),
                r.allBackMs() / 1000, yMax, new Color(40, 150, 60));
        BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void verticalLine(XYChart chart, String name, double atSeconds, double yMax, Color color) {
        XYSeries line = chart.addSeries(name, new double[] {atSeconds, atSeconds}, new double[] {0, yMax});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }
}
