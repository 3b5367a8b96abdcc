package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import dev.ohtop.monitor.CloudWork;
import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** {@code ohtop count ID}: how many events the conversation has, as the server counts them or its trajectory holds them. */
final class Count implements Command {
    private static final Pattern EVENT_FILE = Pattern.compile("event[_-][0-9]+[_-][^/]+\\.json");

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String synopsis() {
        return "count ID [--trajectory]";
    }

    @Override
    public String summary() {
        return "how many events a conversation has (the server's count)";
    }

    @Override
    public String details() {
        return """
                Prints the number of the conversation's events, as the server counts them (one
                request), and nothing else.

                --trajectory counts them in the conversation's trajectory instead: the zip is
                downloaded to a temporary file (from the app server, else its agent server), its
                event files counted (the app server's event_NNNNNN_ID.json, an agent server's
                events/event-NNNNN-ID.json), and the file deleted.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.toggle("--trajectory", "count the events in the downloaded trajectory zip"));
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(1, "ID");
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        AppConversation conversation = session.conversation(args.operands().get(0));
        long count;
        if (args.has("--trajectory")) {
            count = inTrajectory(conversation.id(), session);
        } else {
            try {
                count = session.account().eventFeed(conversation.id()).count();
            } catch (ApiException e) {
                throw CommandFailure.from(e);
            }
        }
        session.out().println(count);
        return Exit.OK;
    }

    private static long inTrajectory(String conversationId, Session session)
            throws CommandFailure, InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("ohtop-count-");
        } catch (IOException e) {
            throw CommandFailure.server("could not make a temporary directory: " + e.getMessage());
        }
        Path zip = dir.resolve("trajectory.zip");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ohtop-count");
            t.setDaemon(true);
            return t;
        });
        Semaphore changed = new Semaphore(0);
        try (CloudWork work = session.account().work(null, scheduler, session.clock(), changed::release)) {
            Transfer download = work.trajectory(conversationId, zip);
            download.start();
            TransferSnapshot done = download.snapshot();
            while (!done.finished()) {
                changed.tryAcquire(1, TimeUnit.SECONDS);
                done = download.snapshot();
            }
            if (done.state() != Transfer.State.DONE) {
                throw CommandFailure.server("could not download the trajectory: " + done.message());
            }
            return events(zip);
        } finally {
            scheduler.shutdownNow();
            deleteQuietly(zip);
            deleteQuietly(dir);
        }
    }

    /**
     * The zip's event files, wherever in it they are: the app server names them
     * {@code event_000012_<id>.json}, an agent server {@code <id>/events/event-00012-<id>.json}.
     */
    static long events(Path zip) throws CommandFailure {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            long n = 0;
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (EVENT_FILE.matcher(base).matches()) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw CommandFailure.server("the trajectory is not a readable zip: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A temporary file left behind; the system's cleaning takes it.
        }
    }
}
