package jp.anzen.stack.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The run's report: the text printed as it went, and a chart of each operation's p50 and p99 latency. */
final class Report {

    private final StringBuilder text = new StringBuilder();

    void line(String format, Object... args) {
        String line = args.length == 0 ? format : String.format(format, args);
        System.out.println(line);
        text.append(line).append('\n');
    }

    /** Writes {@code <name>.txt} and {@code <name>.png} into {@code folder}; returns the two paths. */
    List<Path> write(Path folder, String name, Map<String, Recorder.Figures> figures) throws IOException {
        Files.createDirectories(folder);
        Path report = folder.resolve(name + ".txt");
        Files.writeString(report, text);
        List<String> operations = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        figures.values().stream().filter(f -> f.count() > 0).forEach(f -> {
            operations.add(f.operation());
            p50.add(f.p50());
            p99.add(f.p99());
        });
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(800)
                .title("Anzen load run " + name + ": latency per operation (ms)").xAxisTitle("")
                .yAxisTitle("ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.addSeries("p50", operations, p50);
        chart.addSeries("p99", operations, p99);
        Path image = folder.resolve(name + ".png");
        BitmapEncoder.saveBitmap(chart, image.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(report, image);
    }
}
