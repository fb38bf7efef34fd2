package jp.anzen.reporting.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A long export being written to a file; its owner follows the rows written, then downloads it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ExportJob {

    public enum State {
        RUNNING, DONE, FAILED
    }

    private final String id;
    private final String owner;
    private final String filename;
    private final String mediaType;
    private final Instant startedAt = Instant.now();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final Path file;
    private volatile long rowsTotal;
    private volatile State state = State.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;

    ExportJob(String id, String owner, String filename, String mediaType, Path file) {
        this.id = id;
        this.owner = owner;
        this.filename = filename;
        this.mediaType = mediaType;
        this.file = file;
    }

    public String getId() {
        return id;
    }

    public State getState() {
        return state;
    }

    public String getFilename() {
        return filename;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public long getRowsWritten() {
        return rowsWritten.get();
    }

    public long getRowsTotal() {
        return rowsTotal;
    }

    /** 0 to 100; the file is written after the last row, so 100 only when done. */
    public int getPercent() {
        if (state == State.DONE) {
            return 100;
        }
        return rowsTotal == 0 ? 0 : (int) Math.min(99, rowsWritten.get() * 100 / rowsTotal);
    }

    /** Where to download the file, once done. */
    public String getContent() {
        return state == State.DONE ? "/api/reports/exports/" + id + "/content" : null;
    }

    public String getError() {
        return error;
    }

    @JsonIgnore
    public String owner() {
        return owner;
    }

    @JsonIgnore
    public String mediaType() {
        return mediaType;
    }

    @JsonIgnore
    public Path file() {
        return file;
    }

    void total(long rows) {
        rowsTotal = rows;
    }

    void rowWritten() {
        rowsWritten.incrementAndGet();
    }

    void done() {
        finishedAt = Instant.now();
        state = State.DONE;
    }

    void failed(String reason) {
        finishedAt = Instant.now();
        error = reason;
        state = State.FAILED;
    }
}
