package dev.doorman.calllogger.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The call files currently open, at most {@code maxOpen} of them (least recently written closed
 * first), so thousands of calls do not exhaust file descriptors; a closed file is reopened in append
 * mode. It also keeps track of each file's identity (its {@code fileKey}, the inode) and size, so a
 * file deleted, replaced or truncated under the writer is noticed: then the call is marked
 * {@link CallLog#fileLost} and the writer starts the new file properly. Writer thread only.
 */
final class OpenFileCache implements AutoCloseable {
    private final Path dir;
    private final int maxOpen;
    private final CallFileSystem fs;
    private final WriterCounters counters;
    private final LinkedHashMap<CallLog, CallLog> open = new LinkedHashMap<>(64, 0.75f, true);

    OpenFileCache(Path dir, int maxOpen, CallFileSystem fs, WriterCounters counters) {
        this.dir = dir;
        this.maxOpen = maxOpen;
        this.fs = fs;
        this.counters = counters;
    }

    Path pathOf(CallLog call) {
        return dir.resolve(call.callId + ".jsonl");
    }

    /**
     * The call's channel, opening (and creating the directory) if needed. On open, a file that is not
     * the one the call wrote before (another inode, or shorter than what was written) marks the call
     * {@link CallLog#fileLost}.
     */
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
        Path path = pathOf(call);
        FileChannel channel = openChannel(path);
        try {
            long size = channel.size();
            Object key = fs.attributes(path).fileKey();
            if (call.fileKey != null && (!Objects.equals(key, call.fileKey) || size < call.knownSize)) {
                lost(call);
            } else if (call.fileKey != null) {
                call.unconfirmedLines = 0; // the file we wrote is still there
            }
            if (size > 0 && (call.fileLost || size != call.knownSize) && !fs.endsWithNewline(path, size)) {
                // A crash or failed write left a cut line: start ours on a fresh one.
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                size++;
            }
            call.knownSize = size;
            call.fileKey = key;
        } catch (IOException | RuntimeException e) {
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
     * Checks that the open files written since the last look are still at their paths, unchanged:
     * confirms those lines, or marks the call {@link CallLog#fileLost} and closes the file, so the
     * next event starts a new one instead of writing into an unlinked inode. A file not written
     * since has nothing at risk: it is looked at after its next write.
     */
    void checkOpenFiles() {
        List<CallLog> lost = new ArrayList<>();
        for (CallLog call : open.keySet()) {
            if (call.unconfirmedLines > 0 && !stillOurs(call)) {
                lost.add(call);
            }
        }
        for (CallLog call : lost) {
            lost(call);
            close(call);
        }
    }

    /** One look at the call's path: true (and the written lines confirmed) when it is the file we wrote. */
    boolean stillOurs(CallLog call) {
        try {
            BasicFileAttributes attributes = fs.attributes(pathOf(call));
            if (Objects.equals(attributes.fileKey(), call.fileKey) && attributes.size() >= call.knownSize) {
                call.unconfirmedLines = 0;
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The lines written since the file was last seen in place may have gone nowhere: count them. */
    void lost(CallLog call) {
        if (!call.fileLost) {
            call.fileLost = true;
            counters.dropped(DropReason.FILE_REPLACED, call.unconfirmedLines);
            call.unconfirmedLines = 0;
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
            return fs.openForAppend(path);
        } catch (NoSuchFileException missingDir) {
            try {
                fs.createDirectories(dir);
            } catch (FileAlreadyExistsException notADirectory) {
                throw new IOException("log directory " + dir + " exists but is not a directory", notADirectory);
            }
            return fs.openForAppend(path);
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
