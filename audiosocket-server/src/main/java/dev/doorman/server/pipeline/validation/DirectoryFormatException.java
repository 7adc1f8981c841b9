package dev.doorman.server.pipeline.validation;

/** The building directory file is missing or malformed; the message names the file, line and field. */
public final class DirectoryFormatException extends RuntimeException {
    public DirectoryFormatException(String message) {
        super(message);
    }

    public DirectoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
