package dev.ohtop;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why a local file could not be used, in plain words with the user's own path (never a class name). */
final class FileProblems {
    private FileProblems() {}

    /** @param path the path as the user gave it, for exceptions that do not carry one */
    static String describe(IOException e, String path) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : path;
        if (e instanceof NoSuchFileException) {
            return "no such file: " + file;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + file;
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder: " + file;
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists: " + file;
        }
        if (e instanceof CharacterCodingException) {
            return file + " is not text (UTF-8)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return file + ": " + f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String why = e.getMessage();
        return file + ": "
                + (why == null || why.isBlank() ? "input/output error" : why.toLowerCase(java.util.Locale.ROOT));
    }
}
