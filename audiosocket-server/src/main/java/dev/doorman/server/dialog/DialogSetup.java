package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.pipeline.DirectoryValidator;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.RecognitionVocabulary;
import dev.doorman.server.pipeline.validation.BuildingDirectory;

import java.util.function.IntSupplier;

/**
 * What every call's dialog shares: its config, the intent engine, the validator, the directory and
 * the recognition vocabulary made from it (null: the recognizer's own). Each call gets its own
 * {@link IntercomDialog} whose stages log to that call's file.
 */
public record DialogSetup(DialogConfig config, IntentExtractor extractor, DirectoryValidator validator,
                          BuildingDirectory directory, RecognitionVocabulary vocabulary) {

    public DialogSetup(DialogConfig config, IntentExtractor extractor, DirectoryValidator validator,
                       BuildingDirectory directory) {
        this(config, extractor, validator, directory, null);
    }

    /** A fresh dialog whose intent and validation stages log their events with the current turn. */
    public IntercomDialog newDialog(CallLogger logger, IntSupplier currentTurn) {
        return new IntercomDialog(config, new LoggedIntentExtractor(extractor, logger),
                new LoggedDirectoryValidator(validator, logger, currentTurn), directory);
    }
}
