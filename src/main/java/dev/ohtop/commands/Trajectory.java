package dev.ohtop.commands;

import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import dev.ohtop.presentation.TransferText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ohtop trajectory ID [-o FILE]}: the conversation's trajectory zip, by the same download
 * as the screen's (the app server's zip, else the agent server's; attached, the agent server's),
 * which writes beside the target and moves only a whole file into place.
 */
final class Trajectory implements Command {

    @Override
    public String name() {
        return "trajectory";
    }

    @Override
    public String synopsis() {
        return "trajectory ID [-o FILE]";
    }

    @Override
    public String summary() {
        return "download the conversation's trajectory zip";
    }

    @Override
    public String details() {
        return """
                Downloads the trajectory of conversation ID (a whole id or a unique prefix) as a zip of
                its events, to trajectory-<id>.zip in the current folder unless -o names a file (or a
                folder to put it in; an existing file is replaced). Prints the path written on stdout
                and its size on stderr. -o - writes the zip itself to stdout instead.

                The app server's zip is asked first; when it cannot give one, the conversation's agent
                server is (attached with --agent-server, only that). A failed or broken-off download
                leaves no partial file behind.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.value("-o", "FILE", "where to write the zip (- for stdout)"));
    }

    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public void check(Args args) throws CommandFailure {
        args.operands(1, "ID");
        String o = args.value("-o");
        if (o != null && o.isBlank()) {
            throw CommandFailure.usage("-o needs a file name (or - for stdout)");
        }
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        String id = session.conversation(args.operands().get(0)).id();
        if (!id.matches("[0-9A-Fa-f-]{1,64}")) { // it names a local file: no path of the server's choosing
            throw CommandFailure.server("the server gave a conversation id that is no id: " + session.line(id));
        }
        String o = args.value("-o");
        String name = "trajectory-" + id + ".zip";
        if ("-".equals(o)) {
            toStdout(id, session);
            return Exit.OK;
        }
        Path target = target(o, name);
        TransferSnapshot done = download(id, target, session);
        session.out().println(done.localPath());
        session.say("wrote " + TransferText.bytes(size(done.localPath())));
        return Exit.OK;
    }

    private static Path target(String o, String name) throws CommandFailure {
        try {
            Path chosen = Path.of(o == null ? name : o);
            return Files.isDirectory(chosen) ? chosen.resolve(name) : chosen;
        } catch (InvalidPathException e) {
            throw CommandFailure.usage("-o: not a file name: " + Args.quote(o));
        }
    }

    /** Through a private folder, so stdout gets only a whole zip. */
    private static void toStdout(String id, Session session) throws CommandFailure, InterruptedException {
        inTemporaryFile(id, session, zip -> {
            try {
                long size = Files.copy(zip, session.out());
                session.out().flush();
                session.say("wrote " + TransferText.bytes(size) + " to stdout");
                return null;
            } catch (IOException e) {
                throw CommandFailure.server("could not write the zip to stdout: " + e.getMessage());
            }
        });
    }

    /** What is done with a downloaded trajectory before its temporary file goes. */
    interface ZipUse<T> {
        T use(Path zip) throws CommandFailure;
    }

    /** The conversation's trajectory downloaded to a private folder, used, then deleted. */
    static <T> T inTemporaryFile(String id, Session session, ZipUse<T> use)
            throws CommandFailure, InterruptedException {
        Path folder;
        try {
            folder = Files.createTempDirectory("ohtop-trajectory-");
        } catch (IOException e) {
            throw CommandFailure.server("no room for the download: " + e.getMessage());
        }
        Path zip = folder.resolve("trajectory.zip");
        try {
            download(id, zip, session);
            return use.use(zip);
        } finally {
            try {
                Files.deleteIfExists(zip);
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                session.say("could not remove the temporary " + folder + ": " + e.getMessage());
            }
        }
    }

    private static TransferSnapshot download(String id, Path target, Session session)
            throws CommandFailure, InterruptedException {
        try (CommandWork work = new CommandWork(session)) {
            Transfer transfer = work.cloud().trajectory(id, target);
            transfer.start();
            if (transfer.snapshot().state() == Transfer.State.NEEDS_CONFIRMATION) {
                transfer.confirmOverwrite(); // the user named the file, as with curl -o
            }
            TransferSnapshot end = work.until(transfer::snapshot, TransferSnapshot::finished, s -> {});
            if (end.state() != Transfer.State.DONE) {
                throw CommandFailure.server(end.message() == null ? "the download did not finish" : end.message());
            }
            return end;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
