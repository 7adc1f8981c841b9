package dev.doorman.analyzer.report;

import dev.doorman.analyzer.model.CallAnalysis;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.read.CallFile;
import dev.doorman.analyzer.read.CallFileReader;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.JsonlEventReader;
import dev.doorman.analyzer.read.LegacyLogReader;

/** Reads one call file with the reader for its format and folds it into a {@link CallSummary}. */
public final class CallFileAnalyzer {
    /** Lines above this are skipped and counted: no event is anywhere near it. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final CallFileReader jsonl;
    private final CallFileReader legacy;

    public CallFileAnalyzer(CallFileReader jsonl, CallFileReader legacy) {
        this.jsonl = jsonl;
        this.legacy = legacy;
    }

    public static CallFileAnalyzer withDefaults() {
        return new CallFileAnalyzer(new JsonlEventReader(DEFAULT_MAX_LINE_BYTES),
                new LegacyLogReader(DEFAULT_MAX_LINE_BYTES));
    }

    public CallSummary analyze(CallFile file, DataQuality quality, boolean keepTimeline) {
        CallAnalysis analysis = new CallAnalysis(file.callId(), file.server(), file.path(), quality,
                keepTimeline);
        CallFileReader reader = file.format() == CallFile.Format.JSONL ? jsonl : legacy;
        reader.read(file, analysis, quality);
        return analysis.finish();
    }
}
