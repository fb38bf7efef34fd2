package jp.anzen.requirements.shipped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jp.anzen.requirements.authoring.EditionScript;
import jp.anzen.requirements.authoring.InvalidEditException;
import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.importing.BundleReader;
import jp.anzen.requirements.importing.Imports;
import jp.anzen.requirements.importing.InvalidBundleException;
import jp.anzen.requirements.importing.VersionBundle;
import jp.anzen.requirements.mapping.MappingRepository;
import jp.anzen.requirements.mapping.MappingSetBundle;
import jp.anzen.requirements.mapping.MappingSets;
import jp.anzen.requirements.profile.ServiceProfileBundle;
import jp.anzen.requirements.profile.ServiceProfileRepository;
import jp.anzen.requirements.profile.ServiceProfiles;
import jp.anzen.requirements.publishing.VersionPublisher;

/**
 * Imports and publishes the catalogue shipped with the service (src/main/resources/catalogue, in the order
 * of its index.txt) at first start, through the same importers and authoring as the API (bundles are imported,
 * edition scripts are authored edit by edit). What is already there is left as it is, so restarts are harmless;
 * instances starting together take turns through a PostgreSQL advisory lock held on a connection of its own
 * for the whole import (each import commits in its own transactions, so a transaction lock would not cover
 * the check "is it there?" and the import that follows it).
 */
@ApplicationScoped
public class ShippedCatalogue {

    private static final Logger LOG = Logger.getLogger(ShippedCatalogue.class);

    private final Imports imports;
    private final VersionPublisher versions;
    private final MappingSets mappingSets;
    private final ServiceProfiles profiles;
    private final CatalogueRepository catalogue;
    private final MappingRepository mappings;
    private final ServiceProfileRepository profileRepository;
    private final EditionScript scripts;
    private final DataSource dataSource;
    private final boolean enabled;

    public ShippedCatalogue(DataSource dataSource, Imports imports, VersionPublisher versions, MappingSets mappingSets,
            ServiceProfiles profiles, CatalogueRepository catalogue, MappingRepository mappings, ServiceProfileRepository profileRepository,
            EditionScript scripts, @ConfigProperty(name = "anzen.catalogue.import-shipped") boolean enabled) {
        this.imports = imports;
        this.versions = versions;
        this.mappingSets = mappingSets;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.mappings = mappings;
        this.profileRepository = profileRepository;
        this.scripts = scripts;
        this.dataSource = dataSource;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            return;
        }
        try (Connection lock = dataSource.getConnection()) {
            advisory(lock, "SELECT pg_advisory_lock(hashtext('shipped-catalogue'))");
            try {
                importAll();
            } finally {
                advisory(lock, "SELECT pg_advisory_unlock(hashtext('shipped-catalogue'))");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the shipped catalogue's lock", e);
        }
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.execute();
        }
    }

    private void importAll() {
        long began = System.nanoTime();
        int imported = 0;
        for (String file : index()) {
            var document = BundleReader.tree(read("catalogue/" + file), true);
            try {
                if (importAndPublish(document)) {
                    imported++;
                }
            } catch (InvalidBundleException e) {
                throw new IllegalStateException("shipped catalogue file " + file + " is invalid: " + e.errors(), e);
            } catch (InvalidEditException e) {
                throw new IllegalStateException("shipped edition script " + file + " is invalid: " + e.getMessage() + " "
                        + e.errors(), e);
            }
        }
        if (imported > 0) {
            LOG.infof("Imported and published %d shipped catalogue document(s) in %d ms", imported,
                    (System.nanoTime() - began) / 1_000_000);
        }
    }

    /** Returns false when the document was there already. */
    private boolean importAndPublish(com.fasterxml.jackson.databind.JsonNode document) {
        String format = document.path("format").asText();
        switch (format) {
            case VersionBundle.FORMAT -> {
                var bundle = BundleReader.as(document, VersionBundle.class);
                if (catalogue.version(bundle.framework().id(), bundle.version().version()).isPresent()) {
                    return false;
                }
                imports.importDraft(document);
                versions.publish(bundle.framework().id(), bundle.version().version());
            }
            case MappingSetBundle.FORMAT -> {
                var bundle = BundleReader.as(document, MappingSetBundle.class);
                if (mappings.find(bundle.id()).isPresent()) {
                    return false;
                }
                imports.importDraft(document);
                mappingSets.publish(bundle.id());
            }
            case ServiceProfileBundle.FORMAT -> {
                var bundle = BundleReader.as(document, ServiceProfileBundle.class);
                if (profileRepository.find(bundle.id(), bundle.version()).isPresent()) {
                    return false;
                }
                imports.importDraft(document);
                profiles.publish(bundle.id(), bundle.version());
            }
            case EditionScript.FORMAT -> {
                return scripts.run(scripts.read(document), "anzen (shipped catalogue)");
            }
            default -> throw new IllegalStateException("unknown format " + format);
        }
        return true;
    }

    private static List<String> index() {
        return new String(read("catalogue/index.txt"), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
