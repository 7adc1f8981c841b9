package dev.doorman.server.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds AMI messages as Asterisk would send them, for tests of code that reads them. */
public final class AmiMessageFixtures {
    private AmiMessageFixtures() {
    }

    /** {@code event("OriginateResponse", "Reason", "4")} */
    public static AmiMessage event(String name, String... keysAndValues) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("Event", name));
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.add(Map.entry(keysAndValues[i], keysAndValues[i + 1]));
        }
        return AmiMessage.of(fields);
    }
}
