package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.compare.Comparison;
import dev.doorman.analyzer.report.Report;
import java.io.IOException;
import java.io.Writer;

/** Draws a report, or a comparison of two, in one output format. */
public interface ReportRenderer {
    void render(Report report, Writer out) throws IOException;

    void renderComparison(Comparison comparison, Writer out) throws IOException;
}
