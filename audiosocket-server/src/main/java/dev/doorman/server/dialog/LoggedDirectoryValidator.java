package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.server.pipeline.DirectoryValidator;
import dev.doorman.server.pipeline.Match;

import java.util.function.IntSupplier;

/** Times one call's validator as a {@code FUZZY_VALIDATION} stage: START/COMPLETE events and the latency metric. */
final class LoggedDirectoryValidator implements DirectoryValidator {
    private final DirectoryValidator delegate;
    private final CallLogger logger;
    private final IntSupplier turn;

    LoggedDirectoryValidator(DirectoryValidator delegate, CallLogger logger, IntSupplier turn) {
        this.delegate = delegate;
        this.logger = logger;
        this.turn = turn;
    }

    @Override
    public Match validateApartment(String apartment) {
        StageTimer.FuzzyValidation stage = logger.startFuzzyValidation(turn.getAsInt(), "apartment", apartment);
        return completed(stage, delegate.validateApartment(apartment));
    }

    @Override
    public Match validateResident(String name, String apartmentOrNull) {
        StageTimer.FuzzyValidation stage = logger.startFuzzyValidation(turn.getAsInt(), "resident_name", name);
        return completed(stage, delegate.validateResident(name, apartmentOrNull));
    }

    @Override
    public Match validateResident(String name, String apartmentOrNull, double confidence) {
        StageTimer.FuzzyValidation stage = logger.startFuzzyValidation(turn.getAsInt(), "resident_name", name);
        return completed(stage, delegate.validateResident(name, apartmentOrNull, confidence));
    }

    private static Match completed(StageTimer.FuzzyValidation stage, Match m) {
        stage.complete(m.match(), m.score(), m.valid());
        return m;
    }
}
