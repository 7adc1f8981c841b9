package dev.doorman.analyzer.compare;

/** What a comparison concluded about one metric. */
public enum ChangeVerdict {
    REGRESSION("regression"),
    IMPROVEMENT("improvement"),
    NO_CHANGE("no_change"),
    INSUFFICIENT_DATA("insufficient_data");

    private final String wireName;

    ChangeVerdict(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
