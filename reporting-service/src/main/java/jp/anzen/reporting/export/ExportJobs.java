package jp.anzen.reporting.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Long exports (a whole prefecture as Excel) run in the background into a temporary file, so that the client
 * can follow the rows written and then download the file. Jobs live in this instance's memory for an hour
 * after they finish: an export is derived data, and starting it again is the recovery after a restart.
 */
@ApplicationScoped
public class ExportJobs {

    private static final Logger LOG = Logger.getLogger(ExportJobs.class);
    private static final Duration KEPT = Duration.ofHours(1);

    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "report-export"));

    public ExportJob start(String owner, String filename, Supplier<List<Spreadsheet.Table>> tables) {
        try {
            ExportJob job = new ExportJob(UUID.randomUUID().toString(), owner, filename, Spreadsheet.MEDIA_TYPE,
                    Files.createTempFile("anzen-export-", ".xlsx"));
            jobs.put(job.getId(), job);
            workers.submit(() -> write(job, tables));
            return job;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The owner's job; anyone else's is as if it did not exist. */
    public Optional<ExportJob> find(String id, String owner) {
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.owner().equals(owner));
    }

    private void write(ExportJob job, Supplier<List<Spreadsheet.Table>> tables) {
        try {
            List<Spreadsheet.Table> sheets = tables.get();
            job.total(sheets.stream().mapToLong(t -> t.rows().size()).sum());
            try (OutputStream out = Files.newOutputStream(job.file())) {
                Spreadsheet.write(sheets, out, job::rowWritten);
            }
            job.done();
        } catch (Exception e) {
            LOG.error("Export " + job.getId() + " failed", e);
            job.failed("The export failed; the error was logged. Start it again.");
        }
    }

    @Scheduled(every = "10m")
    void forgetOldJobs() {
        Instant before = Instant.now().minus(KEPT);
        jobs.values().removeIf(job -> {
            boolean old = job.getFinishedAt() != null && job.getFinishedAt().isBefore(before);
            if (old) {
                delete(job);
            }
            return old;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        jobs.values().forEach(ExportJobs::delete);
    }

    private static void delete(ExportJob job) {
        try {
            Files.deleteIfExists(job.file());
        } catch (IOException e) {
            LOG.warnf("Could not delete %s", job.file());
        }
    }
}
