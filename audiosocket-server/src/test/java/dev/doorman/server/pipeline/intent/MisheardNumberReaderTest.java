package dev.doorman.server.pipeline.intent;

import dev.doorman.server.pipeline.DialogTurnContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numbers as people say them, and as a recognizer mishears them, read by sound. */
class MisheardNumberReaderTest {
    private static final Set<String> BUILDING = Set.of("302", "303", "415", "507", "905", "1201", "88", "614", "1204");

    private final RuleIntentExtractor extractor = new RuleIntentExtractor(IntentRules.english(),
            SpokenNumberParser.english(), NameSpotter.NONE, BUILDING::contains);

    private String apartment(String heard) {
        return extractor.extract(heard, new DialogTurnContext(2, RuleIntentExtractor.ASK_APARTMENT, Map.of()))
                .entities().get("apartment");
    }

    @Test
    void waysPeopleSayApartmentNumbers() {
        assertEquals("1201", apartment("twelve oh one"));
        assertEquals("88", apartment("eighty eight"));
        assertEquals("614", apartment("six fourteen"));
        assertEquals("302", apartment("three hundred and two"));
        assertEquals("905", apartment("nine zero five"));
        assertEquals("507", apartment("five o seven"));
    }

    @Test
    void aBareVowelBetweenTwoNumbersIsOh() {
        assertEquals("507", apartment("five or seven"));
        assertEquals("905", apartment("apartment nine all five"));
        assertEquals("303", apartment("apartment free owe three"));
    }

    @Test
    void wordsThatSoundLikeDigitsWhereANumberIsBeingSaid() {
        assertEquals("415", apartment("apartment for one five"), "'for' right after 'apartment'");
        assertEquals("303", apartment("free oh three"), "'free' = three: same consonants once /θ/ = /f/, same vowel");
        assertEquals("302", apartment("tree oh two"));
        assertEquals("1204", apartment("twelve oh fore"));
        assertEquals("120", apartment("twelve oh for"), "a function word at the end of a number stays a word");
    }

    @Test
    void functionWordsAtTheEdgeOfANumberStayWords() {
        assertEquals("302", apartment("here for three oh two"));
        IntentResultAssert.noApartment(extractor.extract("feel free to call",
                new DialogTurnContext(1, "COLLECTING", Map.of())).entities());
        IntentResultAssert.noApartment(extractor.extract("i am here for john",
                new DialogTurnContext(1, "COLLECTING", Map.of())).entities());
    }

    @Test
    void aQuantityMissingItsLeadingDigitIsNotANumber() {
        assertEquals("6", apartment("apartment hundred and six"), "the hundreds digit was lost: not 106");
        assertEquals("106", apartment("apartment one hundred and six"));
        assertEquals("100", SpokenNumberParser.english().normalize("a hundred").replace("a ", ""));
    }

    @Test
    void soundAlikeRulesAreDerivedNotListed() {
        SoundAlikeNumbers sounds = new SoundAlikeNumbers();
        assertEquals(List.of("four"), sounds.digitWords("for"));
        assertEquals(List.of("three"), sounds.digitWords("free"));
        assertEquals(List.of("two"), sounds.digitWords("too"));
        assertEquals(List.of("eight"), sounds.digitWords("ate"));
        assertEquals(List.of(), sounds.digitWords("smith"));
        assertTrue(sounds.soundsLikeOh("or") && sounds.soundsLikeOh("all") && sounds.soundsLikeOh("o"));
        assertTrue(!sounds.soundsLikeOh("know") && !sounds.soundsLikeOh("alan"));
    }

    @Test
    void whenTheSoundCannotDecideTheDirectoryDoes() {
        // "fore" fits four (same vowel) only; "thor"-like cases fit several: the building picks.
        RuleIntentExtractor onlyFour = new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(),
                NameSpotter.NONE, Set.of("415")::contains);
        assertEquals("415", onlyFour.extract("apartment fore one five",
                new DialogTurnContext(2, RuleIntentExtractor.ASK_APARTMENT, Map.of())).entities().get("apartment"));
    }

    /** Small assertion helper. */
    static final class IntentResultAssert {
        static void noApartment(Map<String, String> entities) {
            assertNull(entities.get("apartment"), entities.toString());
        }
    }
}
