package dev.doorman.server.pipeline.stt;

import dev.doorman.server.pipeline.intent.SpokenApartmentNumbers;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryGrammarTest {
    private final BuildingDirectory building = new BuildingDirectory(List.of(
            new DirectoryEntry("507", List.of("Fatima Haddad"), "1507"),
            new DirectoryEntry("1201", List.of("Sean O'Brien", "José Álvarez"), "2201")));

    @Test
    void namesApartmentsAndPhrasesWithOnlyWordsTheModelKnows() {
        Set<String> vocabulary = Set.of("fatima", "sean", "o'brien", "jose", "alvarez", "five", "oh", "zero", "seven",
                "twelve", "one", "two", "hundred", "and", "i'm", "here", "to", "see", "apartment");
        DirectoryGrammar g = DirectoryGrammar.build(building, List.of("I'm here to see", "apartment"),
                SpokenApartmentNumbers::forms, vocabulary::contains);
        assertTrue(g.phrases().containsAll(List.of("fatima", "sean o'brien", "o'brien", "jose alvarez", "alvarez",
                "five oh seven", "twelve oh one", "i'm here to see", "apartment")), g.phrases().toString());
        assertFalse(g.phrases().contains("[unk]"), "it swallowed whole numbers");
        assertEquals(Set.of("haddad"), g.droppedWords(), "the model cannot say it: left to [unk] and free decoding");
        assertFalse(g.phrases().contains("fatima haddad"));
        assertTrue(g.json().startsWith("[\"fatima\"") && g.json().endsWith("\"apartment\"]"), g.json());
    }

    @Test
    void aReloadedDirectoryGivesANewGrammar() {
        DirectoryGrammar before = DirectoryGrammar.build(building, List.of(), a -> List.of(), w -> true);
        BuildingDirectory reloaded = new BuildingDirectory(List.of(new DirectoryEntry("9", List.of("Kyle Reese"), "9")));
        DirectoryGrammar after = DirectoryGrammar.build(reloaded, List.of(), a -> List.of(), w -> true);
        assertTrue(before.phrases().contains("fatima haddad"));
        assertEquals(List.of("kyle reese", "reese"), after.phrases());
    }
}
