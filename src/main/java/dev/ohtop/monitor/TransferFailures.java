package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.DiskSpace;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** One clear line for why a transfer failed, in the user's terms rather than the library's. */
final class TransferFailures {
    /** How a download's missing sandbox file is said ({@link TransferSnapshot#remoteMissing()}). */
    static final String NO_SUCH_REMOTE = "no such file in the sandbox: ";

    private TransferFailures() {}

    static String describe(Transfer.Kind kind, Exception e, String remote, Path local) {
        if (e instanceof SandboxNotReadyException
                || e instanceof TrajectoryDownload.BothRoutesFailed
                || e instanceof DiskSpace.NearlyFull) {
            return e.getMessage();
        }
        if (isDiskFull(e)) {
            return "the local disk is full (no space left on device) writing " + local;
        }
        if (e instanceof ApiException api) {
            return brokeUnderWay(api) ? broke(kind, api) : remoteProblem(kind, api, remote);
        }
        // A download's own path, never the part file it failed to make beside it.
        if (e instanceof AccessDeniedException denied) {
            return kind == Transfer.Kind.UPLOAD
                    ? "no permission to read " + fileOf(denied, local)
                    : "no permission to write in " + local.getParent();
        }
        if (kind == Transfer.Kind.UPLOAD && Files.isDirectory(local)) {
            return local + " is a folder; choose a file";
        }
        if (e instanceof NoSuchFileException missing) {
            return kind == Transfer.Kind.UPLOAD
                    ? "no such local file: " + fileOf(missing, local)
                    : "no such folder: " + local.getParent() + "/";
        }
        return "local file " + local + ": " + e.getMessage();
    }

    /**
     * The connection was made and then lost (reset, cut short): not a server that cannot be
     * reached, which is what the client's "cannot reach server" would make the user think.
     */
    private static boolean brokeUnderWay(ApiException api) {
        return api.failure() == ApiException.Failure.UNREACHABLE
                && !(api.getCause() instanceof ConnectException
                        || api.getCause() instanceof HttpConnectTimeoutException);
    }

    private static String broke(Transfer.Kind kind, ApiException api) {
        // The client's detail starts with the host and port, which the screen's title already names.
        String why = api.detail() == null ? "" : api.detail().replaceFirst("^[^\\s:]+:\\d+: ", "");
        String how = why.isEmpty() ? "" : " (" + why + ")";
        return kind == Transfer.Kind.UPLOAD
                ? "the connection to the sandbox broke during the upload" + how + ": it did not finish"
                : "the connection broke during the download" + how + ": nothing was written";
    }

    private static String remoteProblem(Transfer.Kind kind, ApiException api, String remote) {
        String detail = api.detail() == null ? "" : api.detail();
        if (api.isStatus(404) && detail.toLowerCase(Locale.ROOT).contains("file not found")) {
            return NO_SUCH_REMOTE + remote;
        }
        if (api.isStatus(400) && detail.toLowerCase(Locale.ROOT).contains("not a file")) {
            return remote + " is a directory in the sandbox, not a file";
        }
        if (api.isStatus(400) && detail.toLowerCase(Locale.ROOT).contains("is a directory")) {
            return remote + " is a directory in the sandbox: name a file path";
        }
        if (api.isStatus(409)) {
            return "the sandbox is paused: resume it first";
        }
        if (api.isStatus(410)) {
            return "the sandbox is gone";
        }
        return api.getMessage();
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException fs ? fs.getReason() : t.getMessage();
            if (text != null && text.contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    private static String fileOf(FileSystemException e, Path fallback) {
        return e.getFile() != null ? e.getFile() : String.valueOf(fallback);
    }
}
