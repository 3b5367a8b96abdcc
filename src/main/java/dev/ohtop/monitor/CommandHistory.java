package dev.ohtop.monitor;

import dev.ohtop.api.PartFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The commands typed into a sandbox console, newest last, recalled with Up and Down like a shell.
 * A command the same as the one before it is kept once; the oldest go when the cap is reached.
 *
 * <p>Kept per host in one file (one command a line, mode 600) so history survives a restart but
 * never mixes two servers. Only commands are stored: no output, no key, no host name inside the
 * file. A command with a line break cannot be recalled as one line, so it is not stored.
 *
 * <p>{@link #add} only records (the UI thread calls it); {@link #save} writes the file and belongs
 * on a worker, outside any other lock.
 */
public final class CommandHistory {
    public static final int DEFAULT_CAPACITY = 500;

    private final Path file;
    private final int capacity;
    private final List<String> entries = new ArrayList<>();
    /** Held through a whole save: saves write in turn, each what was recorded when it began, so the last one wins. */
    private final Object saving = new Object();
    /** Where Up/Down stands: entries.size() means "below the newest", the line being typed. */
    private int cursor;

    private String typed = "";
    private String problem;

    /**
     * @param file where this host's history lives (e.g. {@code ~/.local/state/ohtop/history/<host>}),
     *             or null to keep it in memory only
     */
    public CommandHistory(Path file, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.file = file;
        this.capacity = capacity;
        load();
        cursor = entries.size();
    }

    public CommandHistory(Path file) {
        this(file, DEFAULT_CAPACITY);
    }

    /** A file name for a host that is safe on any file system: {@code app.all-hands.dev_443}. */
    public static String fileNameFor(String host) {
        String name = host == null || host.isBlank() ? "default" : host.strip().toLowerCase();
        return name.replaceAll("[^a-z0-9._-]", "_");
    }

    /** Records a command that was run and resets Up/Down to the newest; {@link #save} keeps it. */
    public synchronized void add(String command) {
        cursor = entries.size();
        typed = "";
        if (command == null || command.isBlank() || command.contains("\n") || command.contains("\r")) {
            return;
        }
        if (!entries.isEmpty() && entries.get(entries.size() - 1).equals(command)) {
            return;
        }
        entries.add(command);
        while (entries.size() > capacity) {
            entries.remove(0);
        }
        cursor = entries.size();
    }

    /**
     * Up: the previous command, or empty when there is none older. {@code current} is the line
     * as typed so far, given back by {@link #next} when the user comes all the way down again.
     */
    public synchronized Optional<String> previous(String current) {
        if (cursor == entries.size()) {
            typed = current == null ? "" : current;
        }
        if (cursor == 0) {
            return Optional.empty();
        }
        cursor--;
        return Optional.of(entries.get(cursor));
    }

    /** Down: the next newer command, then the line that was being typed; empty when already there. */
    public synchronized Optional<String> next() {
        if (cursor >= entries.size()) {
            return Optional.empty();
        }
        cursor++;
        return Optional.of(cursor == entries.size() ? typed : entries.get(cursor));
    }

    /** Oldest first. */
    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Why the history could not be read or written, or null. History is a comfort: it never stops a command. */
    public synchronized String problem() {
        return problem;
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()
                        && (entries.isEmpty()
                                || !entries.get(entries.size() - 1).equals(line))) {
                    entries.add(line);
                }
            }
            while (entries.size() > capacity) {
                entries.remove(0);
            }
        } catch (IOException | UncheckedIOException e) {
            problem = "could not read command history " + file + ": " + e.getMessage();
        }
    }

    /**
     * Writes what is recorded to the file (local disk: call it on a worker). Written beside the file
     * and renamed, so a crash never leaves half a history; mode 600 from the start.
     */
    public void save() {
        if (file == null) {
            return;
        }
        synchronized (saving) {
            String problemSaving = write(entries());
            synchronized (this) {
                problem = problemSaving;
            }
        }
    }

    /** Null when written, else why not. */
    private String write(List<String> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            PartFiles.Part part = PartFiles.createBeside(file, PartFiles.Access.OWNER_ONLY);
            try {
                ByteBuffer text = StandardCharsets.UTF_8.encode(
                        lines.stream().map(e -> e + "\n").collect(Collectors.joining()));
                while (text.hasRemaining()) {
                    part.channel().write(text);
                }
            } catch (IOException | RuntimeException e) {
                part.discard();
                throw e;
            }
            part.moveInto(file);
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "could not save command history " + file + ": " + e.getMessage();
        }
    }
}
