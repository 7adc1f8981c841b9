package dev.doorman.analyzer.threshold;

/** One threshold checked against what was measured. {@code actualMs} is NaN when there was no data. */
public record Verdict(String metric, String figure, double limitMs, double actualMs, Status status) {

    public enum Status {
        PASS("pass"),
        BREACH("breach"),
        NO_DATA("no_data");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public boolean breached() {
        return status == Status.BREACH;
    }
}
