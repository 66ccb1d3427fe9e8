package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's {@code -Xlog:gc} file, read between two marks. Every collection logs the heap in use before it, after
 * it and the heap's committed size, e.g. {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 61M->9M(128M)}.
 * The heap in use is highest just before a collection, so the largest "before" in a window is the peak heap of
 * that window (garbage included); the largest "after" is the most still in use once collected, which is what
 * grows when a request holds on to what it reads.
 */
final class GcLog {

    private static final Pattern HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** Where the log ends now; a later {@link #since(long)} reads only what was logged after this. */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The collections logged since {@code mark}; logging is synchronous, so a collection that ran is in the file. */
    HeapPeak since(long mark) {
        int collections = 0;
        long peakBefore = 0;
        long peakAfter = 0;
        long peakCommitted = 0;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(mark);
            byte[] rest = new byte[(int) Math.max(0, in.length() - mark)];
            in.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                Matcher heap = HEAP.matcher(line);
                if (line.contains(" Pause ") && heap.find()) {
                    collections++;
                    peakBefore = Math.max(peakBefore, bytes(heap.group(1), heap.group(2)));
                    peakAfter = Math.max(peakAfter, bytes(heap.group(3), heap.group(4)));
                    peakCommitted = Math.max(peakCommitted, bytes(heap.group(5), heap.group(6)));
                }
            }
        } catch (IOException e) {
            return new HeapPeak(0, 0, 0, 0);
        }
        return new HeapPeak(collections, peakBefore, peakAfter, peakCommitted);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }

    /**
     * @param peakUsedBytes      most heap in use at any collection of the window (before it ran)
     * @param peakAfterGcBytes   most heap still in use right after a collection of the window (an upper bound
     *                           of the live data: young collections leave old garbage in place)
     * @param peakCommittedBytes largest heap the JVM had reserved, never more than -Xmx
     */
    record HeapPeak(int collections, long peakUsedBytes, long peakAfterGcBytes, long peakCommittedBytes) {

        String json() {
            return collections == 0 ? "null" : "{\"collections\":" + collections
                    + ",\"peakUsedMb\":" + (peakUsedBytes >> 20)
                    + ",\"peakAfterGcMb\":" + (peakAfterGcBytes >> 20)
                    + ",\"committedMb\":" + (peakCommittedBytes >> 20) + "}";
        }

        String describe() {
            return collections == 0 ? "no garbage collection ran, so no peak was logged"
                    : String.format("peak heap used %d MB (before a collection), peak after GC %d MB, "
                            + "heap committed %d MB, %d collections", peakUsedBytes >> 20, peakAfterGcBytes >> 20,
                    peakCommittedBytes >> 20, collections);
        }
    }
}
