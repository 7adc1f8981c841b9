package dev.doorman.analyzer.report;

/** Told as files are analyzed (from worker threads), so a progress bar can follow. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(long files, long bytes) {
        }

        @Override
        public void fileDone(long bytes) {
        }

        @Override
        public void finish() {
        }
    };

    void start(long files, long bytes);

    void fileDone(long bytes);

    void finish();
}
