package dev.doorman.server.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in words why a file operation failed. An NIO exception's message is often only the path
 * ({@code AccessDeniedException: /var/log/doorman}), so "cannot read X: " + message would repeat
 * the path and hide the reason.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** E.g. "permission denied", "no such file or directory", "Read-only file system". */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException fs) {
            // The reason is the OS's words ("Is a directory", "No space left on device"); without
            // one the message is just the path.
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
