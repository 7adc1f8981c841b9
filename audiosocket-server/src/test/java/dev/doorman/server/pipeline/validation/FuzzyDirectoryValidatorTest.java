package dev.doorman.server.pipeline.validation;

import dev.doorman.server.pipeline.Match;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzyDirectoryValidatorTest {
    private final FuzzyDirectoryValidator validator = TestDirectory.validator();

    @Test
    void apartmentMatchesExactlyAfterNormalization() {
        for (String heard : List.of("302", "apt 302", "Apartment 302", "0302", " 302 ")) {
            Match m = validator.validateApartment(heard);
            assertTrue(m.valid(), heard);
            assertEquals("302", m.match(), heard);
            assertEquals(1.0, m.score());
        }
    }

    @Test
    void unknownApartmentIsInvalidWithNoMatch() {
        Match m = validator.validateApartment("999");
        assertFalse(m.valid());
        assertNull(m.match());
        assertEquals("apartment", m.field());
        assertFalse(validator.validateApartment("30").valid(), "no prefix matching");
    }

    @Test
    void exactNameIsValid() {
        Match m = validator.validateResident("john smith", null);
        assertTrue(m.valid());
        assertFalse(m.ambiguous());
        assertEquals("John Smith", m.match());
        assertEquals(1.0, m.score(), 1e-9);
    }

    @Test
    void misheardSpellingStillMatchesBySound() {
        Match m = validator.validateResident("Jon Smyth", null);
        assertEquals("John Smith", m.match());
        assertTrue(m.valid(), "score " + m.score());
        Match accents = validator.validateResident("joao oliveira", "202");
        assertEquals("João Oliveira", accents.match());
        assertTrue(accents.valid());
    }

    @Test
    void strayWordAroundTheNameStillMatches() {
        Match m = validator.validateResident("David Miller Mean", null);
        assertEquals("David Miller", m.match());
        assertTrue(m.valid(), "score " + m.score());
    }

    @Test
    void sharedLastNameIsAmbiguousAndListsBoth() {
        Match m = validator.validateResident("Smith", "302");
        assertTrue(m.ambiguous());
        assertFalse(m.valid());
        assertEquals(2, m.alternatives().size());
        assertTrue(m.alternatives().containsAll(List.of("John Smith", "Mary Smith")));
    }

    @Test
    void firstNameAloneFindsTheResidentButIsConfirmed() {
        Match m = validator.validateResident("sarah", null);
        assertEquals("Sarah Connor", m.match());
        assertFalse(m.valid(), "one word is easily misheard as another resident's: confirm it");
        assertFalse(m.ambiguous());
    }

    @Test
    void uncertainNameIsAGuessToConfirm() {
        Match m = validator.validateResident("david mills", null);
        assertEquals("David Miller", m.match());
        assertFalse(m.ambiguous());
        assertTrue(m.score() >= MatchThresholds.DEFAULTS.confirm(), "score " + m.score());
    }

    @Test
    void unrelatedNameHasNoMatch() {
        Match m = validator.validateResident("Bartholomew Xavier", null);
        assertNull(m.match());
        assertFalse(m.valid());
        assertTrue(m.score() < MatchThresholds.DEFAULTS.confirm());
    }

    @Test
    void apartmentNarrowsTheCandidates() {
        Match m = validator.validateResident("Mary Smith", "302");
        assertTrue(m.valid());
        assertEquals("Mary Smith", m.match());
        Match elsewhere = validator.validateResident("Sarah Connor", "302");
        assertNull(elsewhere.match(), "Sarah does not live in 302");
    }

    @Test
    void thresholdsMustBeOrdered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MatchThresholds(0.5, 0.9, 0.03));
        assertTrue(e.getMessage().contains("confirmThreshold <= validThreshold"), e.getMessage());
    }

    @Test
    void spotterFindsAResidentInFreeSpeech() {
        DirectoryNameSpotter spotter = new DirectoryNameSpotter(TestDirectory.building(), new NameSimilarity(), 0.85);
        assertEquals("john smith", spotter.spot(List.of("", "john", "smith", "", "")).orElseThrow());
        assertTrue(spotter.spot(List.of("", "nice", "weather", "")).isEmpty());
    }
}
