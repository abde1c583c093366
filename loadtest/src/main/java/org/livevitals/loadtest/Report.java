package org.livevitals.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Prints the results table and writes them as CSV, Markdown and a PNG chart under {@code target/loadtest/}. */
final class Report {

    private static final String HEADER = "| scenario | server | connections | deliveries/s expected | achieved | lost | dup "
            + "| p50 ms | p99 ms | p999 ms | max ms | p99 from due ms | server CPU % | µs/delivery | generator CPU % "
            + "| heap B/conn | RSS B/conn |";

    private Report() {}

    static String markdown(List<RunResult> results) {
        StringBuilder md = new StringBuilder(HEADER).append('\n')
                .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (RunResult r : results) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %,d | %,.0f | %,.0f | %,d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f | %.0f | %,d | %,d |%n",
                    r.scenario(), r.mode(), r.connections(), r.deliveriesPerSecondExpected(), r.deliveriesPerSecondAchieved(),
                    r.lost(), r.duplicates(), r.fromSent().p50(), r.fromSent().p99(), r.fromSent().p999(), r.fromSent().max(),
                    r.fromDue().p99(), r.serverCpuPercent(), r.serverCpuMicrosPerDelivery(), r.generatorCpuPercent(),
                    r.heapBytesPerConnection(), r.rssBytesPerConnection()));
        }
        return md.toString();
    }

    static void print(List<RunResult> results, PrintStream out) {
        out.println();
        out.print(markdown(results));
    }

    /** Writes {@code <scenario>.csv}, {@code .md} and {@code .png} into {@code dir}. */
    static void write(String scenario, List<RunResult> results, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(scenario + ".md"), markdown(results));
        StringBuilder csv = new StringBuilder("scenario,server,connections,expected_per_s,achieved_per_s,lost,duplicates,"
                + "p50_ms,p99_ms,p999_ms,max_ms,p99_from_due_ms,server_cpu_pct,server_us_per_delivery,generator_cpu_pct,"
                + "heap_bytes_per_conn,rss_bytes_per_conn\n");
        for (RunResult r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.0f,%.0f,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.3f,%.1f,%d,%d%n",
                    r.scenario(), r.mode(), r.connections(), r.deliveriesPerSecondExpected(), r.deliveriesPerSecondAchieved(),
                    r.lost(), r.duplicates(), r.fromSent().p50(), r.fromSent().p99(), r.fromSent().p999(), r.fromSent().max(),
                    r.fromDue().p99(), r.serverCpuPercent(), r.serverCpuMicrosPerDelivery(), r.generatorCpuPercent(),
                    r.heapBytesPerConnection(), r.rssBytesPerConnection()));
        }
        Files.writeString(dir.resolve(scenario + ".csv"), csv);
        chart(scenario, results, dir.resolve(scenario + ".png"));
    }

    private static void chart(String scenario, List<RunResult> results, Path png) throws IOException {
        CategoryChart chart;
        if (results.stream().allMatch(r -> r.published() == 0)) { // idle: memory is the result
            chart = new CategoryChartBuilder().width(800).height(450)
                    .title("Memory per idle connection").xAxisTitle("").yAxisTitle("KB per connection").build();
            for (RunResult r : results) {
                chart.addSeries(r.mode(), List.of("heap after GC", "RSS"),
                        List.of(r.heapBytesPerConnection() / 1024.0, r.rssBytesPerConnection() / 1024.0));
            }
        } else {
            chart = new CategoryChartBuilder().width(800).height(450)
                    .title("Delivery latency from the server's send time, " + scenario)
                    .xAxisTitle("percentile").yAxisTitle("ms").build();
            for (RunResult r : results) {
                chart.addSeries(r.mode() + " " + String.format(Locale.ROOT, "%,.0f/s", r.deliveriesPerSecondExpected()),
                        List.of("p50", "p99", "p99.9", "max"),
                        List.of(r.fromSent().p50(), r.fromSent().p99(), r.fromSent().p999(), r.fromSent().max()));
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Replaces the block between {@code <!-- results:ward -->} and {@code <!-- /results:ward -->}
     * in the lab with this run's table, so the lab shows what the command measured, not figures
     * typed by hand.
     */
    static void updateLab(Path lab, String scenario, String header, List<RunResult> results, String targets)
            throws IOException {
        replaceBlock(lab, scenario, header + "\n\n" + markdown(results) + (targets.isEmpty() ? "" : "\n" + targets)
                + "\n![" + scenario + "](performance/" + scenario + ".png)");
    }

    /** Replaces what is between {@code <!-- results:name -->} and {@code <!-- /results:name -->} with {@code content}. */
    static void replaceBlock(Path lab, String name, String content) throws IOException {
        String open = "<!-- results:" + name + " -->";
        String close = "<!-- /results:" + name + " -->";
        String text = Files.readString(lab);
        int start = text.indexOf(open);
        int end = text.indexOf(close);
        if (start < 0 || end < start) {
            throw new IllegalStateException(lab + " has no " + open + " ... " + close + " block");
        }
        String block = open + "\n" + content.strip() + "\n" + close;
        Files.writeString(lab, text.substring(0, start) + block + text.substring(end + close.length()));
    }
}
