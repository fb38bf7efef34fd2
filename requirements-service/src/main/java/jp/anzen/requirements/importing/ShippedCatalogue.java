package jp.anzen.requirements.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jp.anzen.requirements.catalogue.CatalogueRepository;
import jp.anzen.requirements.publishing.VersionPublisher;

/**
 * Imports and publishes the catalogue shipped with the service (src/main/resources/catalogue, listed in
 * its index.txt) at first start. A version already present is left as it is, so restarts and several
 * instances starting together are harmless.
 */
@ApplicationScoped
public class ShippedCatalogue {

    private static final Logger LOG = Logger.getLogger(ShippedCatalogue.class);

    private final BundleImporter importer;
    private final VersionPublisher publisher;
    private final CatalogueRepository catalogue;
    private final boolean enabled;

    public ShippedCatalogue(BundleImporter importer, VersionPublisher publisher, CatalogueRepository catalogue,
            @ConfigProperty(name = "anzen.catalogue.import-shipped") boolean enabled) {
        this.importer = importer;
        this.publisher = publisher;
        this.catalogue = catalogue;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            return;
        }
        long began = System.nanoTime();
        int imported = 0;
        for (String file : index()) {
            VersionBundle bundle = BundleImporter.parse(read("catalogue/" + file), !file.endsWith(".json"));
            if (catalogue.version(bundle.framework().id(), bundle.version().version()).isPresent()) {
                continue;
            }
            try {
                importer.importDraft(bundle);
                publisher.publish(bundle.framework().id(), bundle.version().version());
                imported++;
            } catch (InvalidBundleException e) {
                throw new IllegalStateException("shipped catalogue file " + file + " is invalid: " + e.errors(), e);
            } catch (RuntimeException e) {
                // another instance may have imported it at the same moment
                if (catalogue.version(bundle.framework().id(), bundle.version().version()).isEmpty()) {
                    throw e;
                }
            }
        }
        if (imported > 0) {
            LOG.infof("Imported and published %d shipped catalogue version(s) in %d ms", imported,
                    (System.nanoTime() - began) / 1_000_000);
        }
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
