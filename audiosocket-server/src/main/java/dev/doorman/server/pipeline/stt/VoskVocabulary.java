package dev.doorman.server.pipeline.stt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.vosk.Model;

/**
 * Which words a Vosk model can recognize: a grammar may only use those (Vosk drops the others
 * with a warning). Asks libvosk's {@code vosk_model_find_word}, which the Java binding does not
 * expose; the library is the one {@link org.vosk.LibVosk} already loaded.
 */
final class VoskVocabulary {
    static {
        new org.vosk.LibVosk(); // makes sure libvosk is extracted and registered first
        Native.register(VoskVocabulary.class, "vosk");
    }

    private final Model model;

    VoskVocabulary(Model model) {
        this.model = model;
    }

    boolean contains(String word) {
        return vosk_model_find_word(model.getPointer(), word) >= 0;
    }

    private static native int vosk_model_find_word(Pointer model, String word);
}
