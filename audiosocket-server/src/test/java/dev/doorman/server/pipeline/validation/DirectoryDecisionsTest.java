package dev.doorman.server.pipeline.validation;

import dev.doorman.server.pipeline.Match;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Never the wrong resident: near numbers are confirmed, sound-alike residents asked about. */
class DirectoryDecisionsTest {
    private final BuildingDirectory directory = new BuildingDirectory(List.of(
            new DirectoryEntry("201", List.of("John Smith", "Joan Smyth"), "1201"),
            new DirectoryEntry("507", List.of("Nina Petrova"), "1507"),
            new DirectoryEntry("1202", List.of("Ivan Petrov"), "2202"),
            new DirectoryEntry("302", List.of("David Miller"), "1302"),
            new DirectoryEntry("303", List.of("Sarah Connor"), "1303")));
    private final FuzzyDirectoryValidator validator =
            new FuzzyDirectoryValidator(directory, new NameSimilarity(), MatchThresholds.DEFAULTS);

    @Test
    void aNumberOneDigitFromASingleApartmentIsOfferedNotTaken() {
        Match m = validator.validateApartment("57");
        assertFalse(m.valid());
        assertEquals("507", m.match());
        assertFalse(m.ambiguous());
    }

    @Test
    void aNumberNearSeveralApartmentsIsAmbiguousAndOneFarFromAllIsNothing() {
        Match m = validator.validateApartment("304");
        assertFalse(m.valid());
        assertTrue(m.ambiguous());
        assertEquals(List.of("302", "303"), m.alternatives());
        assertNull(validator.validateApartment("999").match());
    }

    @Test
    void residentsWhoseNamesSoundAlikeAreAskedAboutEvenOnAnExactHit() {
        Match m = validator.validateResident("John Smith", null);
        assertTrue(m.ambiguous());
        assertEquals(List.of("John Smith", "Joan Smyth"), m.alternatives());
        assertTrue(validator.validateResident("Petrova", null).ambiguous(), "Petrova / Petrov");
        assertTrue(validator.validateResident("David Miller", null).valid());
    }

    @Test
    void aNameHeardWithLowConfidenceIsConfirmed() {
        Match unsure = validator.validateResident("David Miller", null, 0.3);
        assertFalse(unsure.valid());
        assertEquals("David Miller", unsure.match());
        assertTrue(validator.validateResident("David Miller", null, 0.95).valid());
        assertTrue(validator.validateResident("David Miller", null, Double.NaN).valid(), "no confidence given");
    }

    @Test
    void oneDigitApart() {
        assertTrue(FuzzyDirectoryValidator.oneDigitApart("57", "507"));
        assertTrue(FuzzyDirectoryValidator.oneDigitApart("1211", "1201"));
        assertFalse(FuzzyDirectoryValidator.oneDigitApart("75", "507"));
        assertFalse(FuzzyDirectoryValidator.oneDigitApart("302", "302"));
    }
}
