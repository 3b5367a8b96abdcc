package dev.ohtop.commands;

import dev.ohtop.monitor.LocalPaths;
import dev.ohtop.monitor.SandboxPaths;
import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import dev.ohtop.presentation.TransferText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ohtop cp ID:PATH LOCAL} and {@code ohtop cp LOCAL ID:PATH}: one file to or from the
 * conversation's sandbox, moved by the screens' own transfers ({@link Transfer}: the same path
 * rules, written beside the target and renamed into place only when whole).
 */
final class Cp implements Command {
    /** {@code ID:PATH}: a conversation id or prefix (hex digits, dashes), a colon, a sandbox path. */
    private static final Pattern REMOTE = Pattern.compile("([0-9A-Fa-f][0-9A-Fa-f-]*):(.*)", Pattern.DOTALL);

    private static final String STDIO = "-";

    /** One side of the copy in the sandbox: the conversation as typed and the path as typed. */
    private record Remote(String id, String path) {
        static Remote of(String operand) {
            Matcher m = REMOTE.matcher(operand);
            return m.matches() ? new Remote(m.group(1), m.group(2)) : null;
        }
    }

    @Override
    public String name() {
        return "cp";
    }

    @Override
    public String synopsis() {
        return "cp [--resume] ID:PATH LOCAL  |  cp [--resume] LOCAL ID:PATH";
    }

    @Override
    public String summary() {
        return "copies one file from or to the conversation's sandbox";
    }

    @Override
    public String details() {
        return """
                Downloads (ID:PATH LOCAL) or uploads (LOCAL ID:PATH) one file through the
                conversation's agent server. A relative PATH is in the sandbox's folder, as the
                screens take it; an upload to a PATH ending in / keeps the local file's name. A
                LOCAL that is a folder takes the sandbox file under its own name; an existing local
                file is replaced, and only once the whole file has arrived (it is written beside it
                first). LOCAL - is stdout for a download (not onto a terminal: pipe it or name a
                file) and stdin for an upload (then PATH must name the file). A local file named like
                ID:PATH is written ./NAME.

                Nothing is printed on stdout but a download to -; stderr says what was copied, in
                one line. Exit 2 when the local file or folder is not there, 4 when the sandbox file
                is not, 3 when the sandbox is paused (--resume resumes it first and waits until it
                runs) or the transfer failed. An upload changes things, and so does --resume: both
                are refused under --readonly; a download is a read.""";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.toggle("--resume", "resume a paused sandbox first, and wait until it runs"));
    }

    /** Help cannot say it plainly: only an upload (or a resume) changes anything ({@link #changes(Args)}). */
    @Override
    public boolean changes() {
        return false;
    }

    @Override
    public boolean changes(Args args) {
        List<String> operands = args.operands();
        return args.has("--resume") || (operands.size() == 2 && Remote.of(operands.get(1)) != null);
    }

    @Override
    public void check(Args args) throws CommandFailure {
        List<String> operands = args.operands(2, "ID:PATH LOCAL or LOCAL ID:PATH");
        boolean from = Remote.of(operands.get(0)) != null;
        boolean to = Remote.of(operands.get(1)) != null;
        if (from == to) {
            throw CommandFailure.usage((from ? "both are" : "neither is") + " in a sandbox: one side is ID:PATH "
                    + "(a local file named like that is ./NAME)");
        }
        if (to
                && operands.get(0).equals(STDIO)
                && SandboxPaths.baseName(Remote.of(operands.get(1)).path()) == null) {
            throw CommandFailure.usage("what comes from stdin has no name: give the sandbox file's, ID:PATH");
        }
    }

    @Override
    public int run(Args args, Session session) throws CommandFailure, InterruptedException {
        List<String> operands = args.operands();
        Remote from = Remote.of(operands.get(0));
        boolean upload = from == null;
        Remote remote = upload ? Remote.of(operands.get(1)) : from;
        String local = upload ? operands.get(0) : operands.get(1);
        if (!upload && local.equals(STDIO) && session.terminal()) {
            throw CommandFailure.usage(
                    "stdout is a terminal: name a local file, or pipe it (ohtop cp ID:PATH - | less)");
        }
        Path localPath = local.equals(STDIO) ? null : localPath(local);
        if (localPath != null) {
            checkLocal(localPath, upload);
        }
        String hint = "ohtop cp --resume " + String.join(" ", operands);
        try (SandboxWork sandbox = SandboxWork.open(session, remote.id(), args.has("--resume"), hint);
                Scratch scratch = local.equals(STDIO) ? Scratch.create() : null) {
            String id = sandbox.conversationId();
            Transfer transfer;
            if (upload) {
                Path file = localPath != null ? localPath : scratch.fromStdin(session, remote.path());
                transfer = sandbox.work().cloud().upload(id, file, remote.path());
            } else {
                transfer = sandbox.work()
                        .cloud()
                        .download(id, remote.path(), localPath != null ? localPath : scratch.folder());
            }
            TransferSnapshot done = finish(transfer, sandbox, hint);
            if (localPath == null && !upload) {
                Files.copy(done.localPath(), session.out());
                session.out().flush();
                session.say("downloaded " + TransferText.bytes(done.done()) + " to stdout");
            } else {
                session.say(TransferText.finished(done));
            }
            return Exit.OK;
        } catch (IOException | UncheckedIOException e) {
            throw CommandFailure.usage("local file: " + e.getMessage());
        }
    }

    private static Path localPath(String typed) throws CommandFailure {
        try {
            return LocalPaths.typed(Path.of("").toAbsolutePath(), typed);
        } catch (InvalidPathException e) {
            throw CommandFailure.usage("not a local path: " + Args.quote(typed));
        }
    }

    /** The local side must be there before anything is asked of a server (exit 2 when it is not). */
    private static void checkLocal(Path path, boolean upload) throws CommandFailure {
        if (upload) {
            if (!Files.exists(path)) {
                throw CommandFailure.usage("no such local file: " + path);
            }
            if (Files.isDirectory(path)) {
                throw CommandFailure.usage(path + " is a folder: cp copies one file");
            }
            if (!Files.isReadable(path)) {
                throw CommandFailure.usage("cannot read " + path);
            }
        } else {
            Path folder = Files.isDirectory(path) ? path : path.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw CommandFailure.usage("no such local folder: " + (folder == null ? path : folder));
            }
        }
    }

    /** Runs it to its end: cp replaces an existing local file, as cp does (the screens ask first). */
    private static TransferSnapshot finish(Transfer transfer, SandboxWork sandbox, String hint)
            throws CommandFailure, InterruptedException {
        transfer.start();
        if (transfer.snapshot().state() == Transfer.State.NEEDS_CONFIRMATION) {
            transfer.confirmOverwrite();
        }
        TransferSnapshot ended = sandbox.work().until(transfer::snapshot, TransferSnapshot::finished, s -> {});
        if (ended.state() == Transfer.State.DONE) {
            return ended;
        }
        if (ended.remoteMissing()) {
            throw CommandFailure.notFound(ended.message());
        }
        if (ended.pausedSandbox() != null) {
            throw CommandFailure.server(
                    "the sandbox " + ended.pausedSandbox() + " is paused; " + hint + " resumes it first");
        }
        throw CommandFailure.server(ended.message() == null ? "the transfer did not finish" : ended.message());
    }

    /** A private folder for what passes through stdin or stdout, deleted after. */
    private record Scratch(Path folder) implements AutoCloseable {
        static Scratch create() throws IOException {
            return new Scratch(Files.createTempDirectory("ohtop-cp"));
        }

        /** Standard input as a file named as the sandbox file will be. */
        Path fromStdin(Session session, String remotePath) throws IOException {
            Path file = folder.resolve(SandboxPaths.baseName(remotePath.strip()));
            Files.copy(session.in(), file);
            return file;
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
