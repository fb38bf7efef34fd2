package jp.anzen.reporting.export;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A long export as its owner follows it: the rows written, then where to download the file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportJob(String id, State state, String filename, Instant startedAt, Instant finishedAt, long rowsWritten,
        long rowsTotal, String error) {

    public enum State {
        RUNNING, DONE, FAILED
    }

    /** 0 to 100; the file is written after the last row, so 100 only when done. */
    @JsonProperty
    public int percent() {
        if (state == State.DONE) {
            return 100;
        }
        return rowsTotal == 0 ? 0 : (int) Math.min(99, rowsWritten * 100 / rowsTotal);
    }

    /** Where to download the file, once done. */
    @JsonProperty
    public String content() {
        return state == State.DONE ? "/api/reports/exports/" + id + "/content" : null;
    }
}
