package jp.anzen.reporting.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Long exports (a whole prefecture as Excel) run in the background, and their owner follows the rows written and then
 * downloads the file. The jobs and their files are kept in the database (V8) for an hour after they finish, so that
 * any instance of the service answers for any of them, and a restart loses none that finished. A job whose instance
 * stopped while writing it says so once that instance has been silent for {@link #SILENT}: start it again.
 */
@ApplicationScoped
public class ExportJobs {

    private static final Logger LOG = Logger.getLogger(ExportJobs.class);
    private static final Duration KEPT = Duration.ofHours(1);
    /** A running job not heard of for this long died with its instance. */
    static final Duration SILENT = Duration.ofMinutes(1);
    static final String STOPPED = "The service instance writing this export stopped before it finished; start it again.";

    private final AgroalDataSource dataSource;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "report-export"));
    /** The jobs this instance is writing, and how far each has come: written to the database by {@link #heartbeat}. */
    private final Map<UUID, Progress> writing = new ConcurrentHashMap<>();

    public ExportJobs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ExportJob start(String owner, String filename, Supplier<List<Spreadsheet.Table>> tables) {
        UUID id = UUID.randomUUID();
        Instant startedAt;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO export_job (id, owner, filename, media_type, state)"
                        + " VALUES (?, ?, ?, ?, 'RUNNING') RETURNING started_at")) {
            s.setObject(1, id);
            s.setString(2, owner);
            s.setString(3, filename);
            s.setString(4, Spreadsheet.MEDIA_TYPE);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                startedAt = r.getTimestamp(1).toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Progress progress = new Progress();
        writing.put(id, progress);
        workers.submit(() -> write(id, progress, tables));
        return new ExportJob(id.toString(), ExportJob.State.RUNNING, filename, startedAt, null, 0, 0, null);
    }

    /** The owner's job; anyone else's, or an id that is not one, is as if it did not exist. */
    public Optional<ExportJob> find(String id, String owner) {
        Optional<UUID> uuid = parse(id);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT filename, state, started_at, finished_at, rows_written,"
                        + " rows_total, error, state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?)"
                        + " FROM export_job WHERE id = ? AND owner = ?")) {
            s.setDouble(1, SILENT.toSeconds());
            s.setObject(2, uuid.get());
            s.setString(3, owner);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                boolean stopped = r.getBoolean(8);
                return Optional.of(new ExportJob(id, stopped ? ExportJob.State.FAILED : ExportJob.State.valueOf(r.getString(2)),
                        r.getString(1), r.getTimestamp(3).toInstant(), instant(r.getTimestamp(4)), r.getLong(5), r.getLong(6),
                        stopped ? STOPPED : r.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a finished job's file to {@code out}. */
    public void copyContent(String id, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT content FROM export_job WHERE id = ? AND state = 'DONE'")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet r = s.executeQuery(); InputStream content = r.next() ? r.getBinaryStream(1) : null) {
                if (content == null) {
                    throw new IOException("export " + id + " has no file");
                }
                content.transferTo(out);
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    /** Into a temporary file first: the workbook streams its rows out, and the database takes the file whole. */
    private void write(UUID id, Progress progress, Supplier<List<Spreadsheet.Table>> tables) {
        Path file = null;
        try {
            List<Spreadsheet.Table> sheets = tables.get();
            long total = sheets.stream().mapToLong(t -> t.rows().size()).sum();
            progress.total = total;
            file = Files.createTempFile("anzen-export-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                Spreadsheet.write(sheets, out, progress.rows::incrementAndGet);
            }
            finish(id, file, total);
        } catch (Exception e) {
            LOG.error("Export " + id + " failed", e);
            fail(id, "The export failed; the error was logged. Start it again.");
        } finally {
            writing.remove(id);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("Could not delete %s", file);
                }
            }
        }
    }

    /** Rows written of the total (0 while the rows are still being read). */
    private static final class Progress {

        private final AtomicLong rows = new AtomicLong();
        private volatile long total;
    }

    private void finish(UUID id, Path file, long rows) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE export_job SET content = ?, rows_written = ?,"
                        + " rows_total = ?, state = 'DONE', finished_at = now() WHERE id = ?");
                InputStream content = Files.newInputStream(file)) {
            s.setBinaryStream(1, content, Files.size(file));
            s.setLong(2, rows);
            s.setLong(3, rows);
            s.setObject(4, id);
            s.executeUpdate();
        }
    }

    private void fail(UUID id, String reason) {
        try {
            update("UPDATE export_job SET state = 'FAILED', error = ?, finished_at = now() WHERE id = ?", reason, id);
        } catch (RuntimeException e) {
            LOG.error("Could not record that export " + id + " failed", e);
        }
    }

    /**
     * How far this instance's jobs have come, which also says that they are alive (even while their rows are still
     * being read). The one writer of progress: the rows themselves are only counted.
     */
    @Scheduled(every = "5s")
    void heartbeat() {
        writing.forEach((id, progress) -> update("UPDATE export_job SET rows_written = ?, rows_total = ?,"
                + " heartbeat_at = now() WHERE id = ? AND state = 'RUNNING'", progress.rows.get(), progress.total, id));
    }

    @Scheduled(every = "10m")
    void forgetOldJobs() {
        update("DELETE FROM export_job WHERE coalesce(finished_at, heartbeat_at) < now() - make_interval(secs => ?)",
                (double) KEPT.toSeconds());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        if (!writing.isEmpty()) {
            try {
                update("UPDATE export_job SET state = 'FAILED', error = ?, finished_at = now()"
                        + " WHERE id = ANY (?) AND state = 'RUNNING'", STOPPED, writing.keySet().toArray(UUID[]::new));
            } catch (RuntimeException e) {
                LOG.warn("Could not record the exports interrupted by this shutdown; they fail once silent", e);
            }
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof UUID[] ids) {
                    s.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    s.setObject(i + 1, parameters[i]);
                }
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
