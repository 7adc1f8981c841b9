package dev.doorman.server.pipeline.stt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.pipeline.validation.BuildingDirectory;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A recognition grammar made from what the building knows: every resident's full name and last
 * name, every apartment in the ways people say it, the number words (for numbers said otherwise), the intercom's own phrases ("I'm
 * here to see", "apartment", "yes", "no", ...). A grammar decoder searches only these paths, so it
 * is much cheaper than free decoding and cannot turn "Priya Patel" into "free of dell".
 *
 * <p>No {@code [unk]}: measured on espeak and Allison speech, Vosk's unknown-word model swallowed
 * whole apartment numbers ("apartment [unk] please" for "apartment five oh seven please") that
 * the same grammar without it decodes right. Without it every sound becomes a directory word,
 * which is why the dialog says back what only the grammar heard before acting on it.
 *
 * <p>Words the model cannot pronounce (not in its vocabulary) are left out and listed in
 * {@link #droppedWords()}; a name that loses all its words is only reachable through {@code [unk]}
 * and the free decoder. Immutable; rebuilt when the directory changes.
 */
public final class DirectoryGrammar {
    /** Vosk's unknown-word symbol; not put in the grammar (see above), dropped from any text. */
    static final String UNKNOWN = "[unk]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> phrases;
    private final Set<String> dropped;
    private final String json;

    private DirectoryGrammar(List<String> phrases, Set<String> dropped) {
        this.phrases = List.copyOf(phrases);
        this.dropped = Set.copyOf(dropped);
        try {
            this.json = JSON.writeValueAsString(this.phrases);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param directory      the residents and apartments
     * @param intercomPhrases what visitors say around names and numbers (number words included)
     * @param apartmentForms  the spoken forms of an apartment number ("five oh seven", ...), each
     *                        added as one phrase so a number costs the decoder no more than a name
     * @param inVocabulary   whether the model knows a word
     */
    public static DirectoryGrammar build(BuildingDirectory directory, Collection<String> intercomPhrases,
                                         Function<String, List<String>> apartmentForms,
                                         Predicate<String> inVocabulary) {
        Set<String> phrases = new LinkedHashSet<>();
        Set<String> dropped = new TreeSet<>();
        for (String resident : directory.residentNames()) {
            List<String> words = words(resident);
            addPhrase(words, inVocabulary, phrases, dropped);
            if (words.size() > 1) { // "Patel, please": the last name alone is a common answer
                addPhrase(words.subList(words.size() - 1, words.size()), inVocabulary, phrases, dropped);
            }
        }
        for (var entry : directory.entries()) {
            for (String form : apartmentForms.apply(entry.apartment())) {
                addPhrase(words(form), inVocabulary, phrases, dropped);
            }
        }
        for (String phrase : intercomPhrases) {
            addPhrase(words(phrase), inVocabulary, phrases, dropped);
        }
        return new DirectoryGrammar(List.copyOf(phrases), dropped);
    }

    // Lower case without accents, apostrophes kept: the model's words are spelled "i'm", "o'brien".
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']+", " ").strip();
        return plain.isEmpty() ? List.of() : List.of(plain.split(" "));
    }

    private static void addPhrase(List<String> words, Predicate<String> inVocabulary, Set<String> phrases,
                                  Set<String> dropped) {
        StringBuilder kept = new StringBuilder();
        for (String word : words) {
            if (word.isBlank()) {
                continue;
            }
            if (inVocabulary.test(word)) {
                kept.append(kept.isEmpty() ? "" : " ").append(word);
            } else {
                dropped.add(word);
            }
        }
        if (!kept.isEmpty()) {
            phrases.add(kept.toString());
        }
    }

    /** The phrases, in the order given to the decoder. */
    public List<String> phrases() {
        return phrases;
    }

    /** Words of names or phrases the model does not know (left out of the grammar). */
    public Set<String> droppedWords() {
        return dropped;
    }

    /** The grammar as Vosk takes it: a JSON array of phrases. */
    public String json() {
        return json;
    }
}
