package dev.doorman.server.pipeline.intent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpokenNumberParserTest {
    private final SpokenNumberParser english = SpokenNumberParser.english();
    private final SpokenNumberParser portuguese = SpokenNumberParser.brazilianPortuguese();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "three oh two | 302",
            "three zero two | 302",
            "three hundred and two | 302",
            "three hundred two | 302",
            "three hundred oh two | 302",
            "302 | 302",
            "thirty two | 32",
            "thirty | 30",
            "twelve | 12",
            "three twelve | 312",
            "twelve oh four | 1204",
            "three hundred twelve | 312",
            "three hundred thirty two | 332",
            "one thousand two hundred four | 1204",
            "two thousand and five | 2005",
            "a hundred and one | 101",
            "oh two | 02",
            "Three-Oh-Two | 302",
    })
    void englishNumbers(String spoken, String digits) {
        String parsed = english.parseNumber(spoken.replaceFirst("^a ", ""));
        assertEquals(digits, parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "trezentos e dois | 302",
            "três zero dois | 302",
            "trinta e dois | 32",
            "cento e um | 101",
            "mil e duzentos | 1200",
            "dois mil | 2000",
            "quinhentos e doze | 512",
            "cem | 100",
            "meia zero um | 601",
    })
    void portugueseNumbers(String spoken, String digits) {
        assertEquals(digits, portuguese.parseNumber(spoken));
    }

    @Test
    void normalizeRewritesOnlyTheNumberRuns() {
        assertEquals("hi my name is peter i am here to visit john smith in apartment 302",
                english.normalize("Hi, my name is Peter. I am here to visit John Smith in apartment three oh two."));
        assertEquals("john and mary live in 12", english.normalize("John and Mary live in twelve"));
    }

    @Test
    void connectorBetweenNamesIsNotANumber() {
        assertEquals("john and mary", english.normalize("john and mary"));
        assertEquals("o joao e a maria", portuguese.normalize("o João e a Maria"));
    }

    @Test
    void parseNumberRejectsTextWithWords() {
        assertNull(english.parseNumber("apartment three"));
        assertNull(english.parseNumber(""));
        assertNull(english.parseNumber(null));
    }

    @Test
    void unknownLanguageIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpokenNumberParser.forLanguage("klingon"));
        assertEquals("unsupported language 'klingon' for spoken numbers (supported: en, pt-BR)", e.getMessage());
    }
}
