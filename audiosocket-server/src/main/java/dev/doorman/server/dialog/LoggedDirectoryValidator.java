package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.pipeline.DirectoryValidator;
import dev.doorman.server.pipeline.Match;

import java.util.function.IntSupplier;

/** Logs {@code FUZZY_VALIDATION_START/COMPLETE} around one call's validator, with the turn and duration. */
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
        int t = turn.getAsInt();
        logger.logFuzzyValidationStart(t, "apartment", apartment);
        long start = System.nanoTime();
        return logged(t, start, delegate.validateApartment(apartment));
    }

    @Override
    public Match validateResident(String name, String apartmentOrNull) {
        int t = turn.getAsInt();
        logger.logFuzzyValidationStart(t, "resident_name", name);
        long start = System.nanoTime();
        return logged(t, start, delegate.validateResident(name, apartmentOrNull));
    }

    @Override
    public Match validateResident(String name, String apartmentOrNull, double confidence) {
        int t = turn.getAsInt();
        logger.logFuzzyValidationStart(t, "resident_name", name);
        long start = System.nanoTime();
        return logged(t, start, delegate.validateResident(name, apartmentOrNull, confidence));
    }

    private Match logged(int t, long start, Match m) {
        logger.logFuzzyValidationComplete(t, m.field(), m.input(), m.match(), m.score(), m.valid(),
                (System.nanoTime() - start) / 1e6);
        return m;
    }
}
