package dev.doorman.server.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisitorScriptTest {
    private final VisitorScript visitor = new VisitorScript("Peter Parker", "Nina Petrova", "507", null);

    @Test
    void answersTheDoormansQuestionsAsTranscribed() {
        assertEquals("Hi, my name is Peter Parker. I'm here to see Nina Petrova.",
                visitor.reply("hello this is the virtual doorman please tell me your name and who you are visiting"));
        assertEquals("My name is Peter Parker.", visitor.reply("thank you what is your name please"));
        assertEquals("Nina Petrova.", visitor.reply("who are you visiting please"));
        assertEquals("Apartment five oh seven.", visitor.reply("which apartment are you visiting"));
        assertEquals("Yes.", visitor.reply("did you say nina petrova in apartment five hundred seven please say yes or no"));
        assertEquals("No, Nina Petrova.", visitor.reply("did you say ivan petrov in apartment twelve oh two"));
        assertEquals("Nina Petrova.", visitor.reply("there are nina petrova and ivan petrov which of them"));
    }

    @Test
    void knowsWhenTheDoormanReachedItsResident() {
        assertEquals(VisitorScript.Heard.CALLING_RIGHT_RESIDENT,
                visitor.classify("thank you peter i am calling nina petrova in apartment five oh seven"));
        assertEquals(VisitorScript.Heard.CALLING_RIGHT_RESIDENT,
                visitor.classify("i am calling apartment five hundred seven please wait"));
        assertEquals(VisitorScript.Heard.CALLING_SOMEONE_ELSE,
                visitor.classify("i am calling ivan petrov in apartment twelve oh two"));
        assertEquals(VisitorScript.Heard.GAVE_UP, visitor.classify("sorry i could not help you goodbye"));
        assertEquals(VisitorScript.Heard.QUESTION, visitor.classify("which apartment are you visiting"));
    }

    @Test
    void readsAScriptAndNamesTheBadLine() throws Exception {
        Path csv = Files.createTempFile("visitors", ".csv");
        try {
            Files.writeString(csv, "# visitor,resident,apartment,voice\nPeter Parker,Nina Petrova,507,en-gb\nAna,David Miller\n");
            List<VisitorScript> visitors = ConversationRunner.readScript(csv);
            assertEquals(List.of(new VisitorScript("Peter Parker", "Nina Petrova", "507", "en-gb"),
                    new VisitorScript("Ana", "David Miller", null, null)), visitors);
            Files.writeString(csv, "Peter Parker\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConversationRunner.readScript(csv));
            assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        } finally {
            Files.delete(csv);
        }
    }
}
