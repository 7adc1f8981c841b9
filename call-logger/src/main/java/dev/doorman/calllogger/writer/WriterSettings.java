package dev.doorman.calllogger.writer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The writer's settings.
 *
 * @param dir           where call files go
 * @param queueCapacity events the queue holds (rounded up to a power of two)
 * @param maxOpenFiles  call files kept open at once
 * @param giveUpAfter   how long a call's file may keep failing before its lines are given up
 * @param shutdownGrace how long closing keeps retrying failed writes before giving their lines up
 */
public record WriterSettings(Path dir, int queueCapacity, int maxOpenFiles, Duration giveUpAfter,
                             Duration shutdownGrace) {
}
