package dev.doorman.analyzer.cli;

import dev.doorman.analyzer.report.render.CsvRenderer;
import dev.doorman.analyzer.report.render.HtmlRenderer;
import dev.doorman.analyzer.report.render.JsonRenderer;
import dev.doorman.analyzer.report.render.MarkdownRenderer;
import dev.doorman.analyzer.report.render.ReportRenderer;
import dev.doorman.analyzer.report.render.TextRenderer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The report formats, chosen by {@code --format} or by the output file's extension. */
public enum OutputFormat {
    TEXT(TextRenderer::new, ".txt"),
    JSON(JsonRenderer::new, ".json"),
    CSV(CsvRenderer::new, ".csv"),
    MD(MarkdownRenderer::new, ".md"),
    HTML(HtmlRenderer::new, ".html");

    private final Supplier<ReportRenderer> renderer;
    private final String extension;

    OutputFormat(Supplier<ReportRenderer> renderer, String extension) {
        this.renderer = renderer;
        this.extension = extension;
    }

    public ReportRenderer renderer() {
        return renderer.get();
    }

    /** The format a file name implies ({@code .htm} and {@code .markdown} too), if any. */
    public static Optional<OutputFormat> fromFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".htm")) {
            return Optional.of(HTML);
        }
        if (name.endsWith(".markdown")) {
            return Optional.of(MD);
        }
        for (OutputFormat format : values()) {
            if (name.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
