package dev.doorman.server.pipeline.intent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpokenApartmentNumbersTest {
    private final SpokenNumberParser parser = SpokenNumberParser.english();

    @Test
    void theWaysPeopleSayADoorNumber() {
        assertTrue(SpokenApartmentNumbers.forms("507").containsAll(List.of("five zero seven", "five oh seven",
                "five hundred and seven", "five hundred seven")));
        assertTrue(SpokenApartmentNumbers.forms("1201").contains("twelve oh one"));
        assertTrue(SpokenApartmentNumbers.forms("88").contains("eighty eight"));
        assertTrue(SpokenApartmentNumbers.forms("614").contains("six fourteen"));
        assertTrue(SpokenApartmentNumbers.forms("302").contains("three hundred and two"));
        assertEquals(List.of(), SpokenApartmentNumbers.forms("12B"));
    }

    @Test
    void everyFormReadsBackAsTheNumber() {
        for (String apartment : List.of("7", "88", "101", "302", "410", "614", "905", "1000", "1201", "1315")) {
            for (String form : SpokenApartmentNumbers.forms(apartment)) {
                assertEquals(apartment, parser.parseNumber(form), form);
            }
        }
    }
}
