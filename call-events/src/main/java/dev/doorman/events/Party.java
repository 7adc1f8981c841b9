package dev.doorman.events;

/** Who speaks or is spoken to: the visitor at the gate, or the resident on the second leg. */
public enum Party {
    VISITOR("visitor"),
    RESIDENT("resident");

    private final String wireName;

    Party(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in {@code source} / {@code target}. */
    public String wireName() {
        return wireName;
    }

    public static Party fromWireName(String name) {
        for (Party party : values()) {
            if (party.wireName.equals(name)) {
                return party;
            }
        }
        throw new IllegalArgumentException("unknown party '" + name + "' (expected visitor or resident)");
    }
}
