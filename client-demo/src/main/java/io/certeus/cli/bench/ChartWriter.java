package io.certeus.cli.bench;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a run's seconds as a PNG with JFreeChart: throughput per second (target, sent, acknowledged,
 * chained estimate) above latency percentiles per second (ack p50/p99/max, chained p99, durable p99,
 * logarithmic milliseconds), sharing the time axis.
 *
 * <p>Thread-safe: static functions only (JFreeChart objects are local to a call).
 */
public final class ChartWriter {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

    private ChartWriter() {
    }

    public static void write(Path png, String title, List<SecondSample> samples) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries target = new XYSeries("target rate");
        XYSeries sent = new XYSeries("sent");
        XYSeries acked = new XYSeries("acked");
        XYSeries chained = new XYSeries("chained (sampled, estimate)");
        XYSeries ackP50 = new XYSeries("ack p50");
        XYSeries ackP99 = new XYSeries("ack p99");
        XYSeries ackMax = new XYSeries("ack max");
        XYSeries chainedP99 = new XYSeries("chained p99");
        XYSeries durableP99 = new XYSeries("durable p99");
        for (SecondSample s : samples) {
            double t = s.secondsSinceStart;
            target.add(t, s.targetRatePerS);
            sent.add(t, s.sentPerS);
            acked.add(t, s.ackedPerS);
            chained.add(t, s.chainedPerS);
            addLatency(ackP50, t, s.ackP50Ms);
            addLatency(ackP99, t, s.ackP99Ms);
            addLatency(ackMax, t, s.ackMaxMs);
            addLatency(chainedP99, t, s.chainedP99Ms);
            addLatency(durableP99, t, s.durableP99Ms);
        }
        XYSeriesCollection rates = new XYSeriesCollection();
        rates.addSeries(target);
        rates.addSeries(sent);
        rates.addSeries(acked);
        rates.addSeries(chained);
        XYSeriesCollection latencies = new XYSeriesCollection();
        latencies.addSeries(ackP50);
        latencies.addSeries(ackP99);
        latencies.addSeries(ackMax);
        latencies.addSeries(chainedP99);
        latencies.addSeries(durableP99);

        XYPlot ratePlot = new XYPlot(rates, null, new NumberAxis("events/s"), new XYLineAndShapeRenderer(true, false));
        LogarithmicAxis latencyAxis = new LogarithmicAxis("latency ms (log)");
        latencyAxis.setAllowNegativesFlag(false);
        latencyAxis.setStrictValuesFlag(false);
        XYPlot latencyPlot = new XYPlot(latencies, null, latencyAxis, new XYLineAndShapeRenderer(true, false));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds since the load started"));
        plot.add(ratePlot, 1);
        plot.add(latencyPlot, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void addLatency(XYSeries series, double t, double ms) {
        if (!Double.isNaN(ms)) {
            series.add(t, Math.max(0.01, ms));
        }
    }
}
