package jp.anzen.servers.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.anzen.servers.process.Directories;
import jp.anzen.servers.process.Readiness;

/**
 * A real PostgreSQL 17 (the zonky binaries) on 127.0.0.1.
 *
 * <p>Each service owns its own database in it, as it would own one in production.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * @param dataDir kept between starts when {@code keepData}; otherwise wiped first (never on stop)
     * @param port 0 for a free port
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData) throws IOException {
        int chosen = port == 0 ? Readiness.freePort() : port;
        if (!keepData) {
            Directories.deleteTree(dataDir);
        }
        Path workDir = dataDir.resolveSibling(dataDir.getFileName() + "-bin");
        Files.createDirectories(workDir);
        EmbeddedPostgres postgres;
        try {
            postgres = builder(dataDir, chosen, workDir, keepData).start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new IllegalStateException("the PostgreSQL data in " + dataDir
                        + " is in use: is another Anzen run still going? Stop it first", e);
            }
            throw e;
        }
        return new PostgresServer(postgres, chosen);
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int chosen, Path workDir, boolean keepData) {
        return EmbeddedPostgres.builder()
                .setPort(chosen)
                .setDataDirectory(dataDir)
                // never let zonky delete the data on close: a restarted server must find it (we wipe above instead)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(workDir.toFile())
                .setServerConfig("listen_addresses", Readiness.LOOPBACK)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", keepData ? "on" : "off")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://" + Readiness.LOOPBACK + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists; returns its JDBC URL. */
    public static String ensureDatabase(String adminJdbcUrl, String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits, underscores: " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, USER, PASSWORD);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " at " + adminJdbcUrl, e);
        }
        return adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1) + database;
    }

    public String ensureDatabase(String database) {
        return ensureDatabase(jdbcUrl("postgres"), database);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
