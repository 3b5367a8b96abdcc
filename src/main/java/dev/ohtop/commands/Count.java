package dev.ohtop.commands;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.AppConversation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
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
        return Trajectory.inTemporaryFile(conversationId, session, Count::events);
    }

    /**
     * The zip's event files, wherever in it they are: the app server names them
     * {@code event_000012_<id>.json}, an agent server {@code <id>/events/event-00012-<id>.json}.
     */
    static Long events(Path zip) throws CommandFailure {
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
}
