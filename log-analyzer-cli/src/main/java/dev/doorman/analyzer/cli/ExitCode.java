package dev.doorman.analyzer.cli;

/** The analyzer's exit codes (documented in docs/analyzer.md and the --help footer). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int NO_DATA = 2;
    public static final int THRESHOLD_BREACHED = 3;
    public static final int REGRESSION = 4;

    private ExitCode() {
    }
}
