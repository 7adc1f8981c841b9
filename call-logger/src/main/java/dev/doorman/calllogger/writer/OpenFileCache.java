package dev.doorman.calllogger.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The call files currently open, at most {@code maxOpen} of them (least recently written closed
 * first), so thousands of calls do not exhaust file descriptors; a closed file is reopened in append
 * mode. Files are created {@code rw-------} and opened with {@code NOFOLLOW_LINKS}: a symlink
 * planted at a call's path makes the open fail instead of writing through it. Writer thread only.
 */
final class OpenFileCache implements AutoCloseable {
    private static final Set<OpenOption> OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path dir;
    private final int maxOpen;
    private final WriterCounters counters;
    private final LinkedHashMap<CallLog, CallLog> open = new LinkedHashMap<>(64, 0.75f, true);
    private boolean posix = true;

    OpenFileCache(Path dir, int maxOpen, WriterCounters counters) {
        this.dir = dir;
        this.maxOpen = maxOpen;
        this.counters = counters;
    }

    Path pathOf(CallLog call) {
        return dir.resolve(call.callId + ".jsonl");
    }

    /** The call's channel, opening (and creating the directory) if needed. */
    FileChannel channelFor(CallLog call) throws IOException {
        if (call.channel != null) {
            open.get(call); // touch: most recently used
            return call.channel;
        }
        while (open.size() >= maxOpen) {
            Iterator<CallLog> eldest = open.keySet().iterator();
            CallLog victim = eldest.next();
            eldest.remove();
            closeChannel(victim);
        }
        FileChannel channel = openChannel(pathOf(call));
        try {
            long size = channel.size();
            if (size > 0 && size != call.knownSize && !endsWithNewline(pathOf(call), size)) {
                // A crash or failed write left a cut line: start ours on a fresh one.
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                size++;
            }
            call.knownSize = size;
            call.fileKey = null; // read by the next closeVanished(): saves a stat per open
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        call.channel = channel;
        open.put(call, call);
        counters.openFiles = open.size();
        return channel;
    }

    /** Closes the call's file (after its end, or after a failure, so the next write reopens it). */
    void close(CallLog call) {
        if (open.remove(call) != null || call.channel != null) {
            closeChannel(call);
        }
        counters.openFiles = open.size();
    }

    /**
     * Closes files that were deleted or replaced under us, so the next event recreates the file
     * instead of writing into an unlinked inode.
     */
    void closeVanished() {
        List<CallLog> vanished = new ArrayList<>();
        for (CallLog call : open.keySet()) {
            try {
                Object key = Files.readAttributes(pathOf(call), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).fileKey();
                if (call.fileKey == null) {
                    call.fileKey = key; // first look since the open
                } else if (!Objects.equals(key, call.fileKey)) {
                    vanished.add(call);
                }
            } catch (IOException e) {
                vanished.add(call);
            }
        }
        for (CallLog call : vanished) {
            call.knownSize = -1;
            close(call);
        }
    }

    int size() {
        return open.size();
    }

    @Override
    public void close() {
        for (CallLog call : open.keySet()) {
            closeChannel(call);
        }
        open.clear();
        counters.openFiles = 0;
    }

    private FileChannel openChannel(Path path) throws IOException {
        try {
            return openOnce(path);
        } catch (NoSuchFileException missingDir) {
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException notADirectory) {
                throw new IOException("log directory " + dir + " exists but is not a directory", notADirectory);
            }
            return openOnce(path);
        }
    }

    private FileChannel openOnce(Path path) throws IOException {
        if (posix) {
            try {
                return FileChannel.open(path, OPTIONS, OWNER_ONLY);
            } catch (UnsupportedOperationException notPosix) {
                posix = false;
            }
        }
        return FileChannel.open(path, OPTIONS);
    }

    private static boolean endsWithNewline(Path path, long size) {
        try (FileChannel read = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            return read.read(last, size - 1) == 1 && last.get(0) == '\n';
        } catch (IOException e) {
            return true; // cannot tell; do not add a blank line on a guess
        }
    }

    private static void closeChannel(CallLog call) {
        FileChannel channel = call.channel;
        call.channel = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing is buffered in the channel; a failing close loses nothing of ours.
            }
        }
    }
}
