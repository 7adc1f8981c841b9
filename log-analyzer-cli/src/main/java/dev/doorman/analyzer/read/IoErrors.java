package dev.doorman.analyzer.read;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.FileSystemLoopException;
import java.io.IOException;

/**
 * Says why an I/O operation failed. Java's file exceptions often carry only the path as their
 * message ("cannot read /dir: /dir"); the cause is in the exception's type or its reason.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The cause in words, e.g. "permission denied", "no such file or directory", "not a directory". */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "file system loop";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lowerFirst(fse.getReason());
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
