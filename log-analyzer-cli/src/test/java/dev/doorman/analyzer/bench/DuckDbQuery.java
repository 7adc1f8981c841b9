package dev.doorman.analyzer.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * DuckDB's side of the fresh-process benchmark: one process that loads DuckDB, runs the
 * comparison's query over a directory (read_json into a table, quantile_cont per stage, a join
 * for turn latency) and prints how long the query itself took.
 *
 * <p>Usage: {@code DuckDbQuery <dir> <threads>}
 */
public final class DuckDbQuery {
    private DuckDbQuery() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        var figures = DuckDbComparison.duckDb(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.printf(Locale.ROOT, "query_seconds=%.3f metrics=%d%n", (System.nanoTime() - t0) / 1e9, figures.size());
    }
}
