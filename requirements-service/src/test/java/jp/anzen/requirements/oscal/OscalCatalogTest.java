package jp.anzen.requirements.oscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import jp.anzen.requirements.catalogue.Framework;
import jp.anzen.requirements.catalogue.FrameworkVersion;
import jp.anzen.requirements.catalogue.Requirement;
import jp.anzen.requirements.catalogue.VersionStatus;
import jp.anzen.requirements.importing.BundleImporter;
import jp.anzen.requirements.importing.VersionBundle;
import jp.anzen.servers.test.OscalValidation;

/** Every shipped version exports to a valid OSCAL catalog, and reading that catalog back gives the same requirements. */
class OscalCatalogTest {

    static Stream<String> shippedVersions() throws Exception {
        try (InputStream in = OscalCatalogTest.class.getResourceAsStream("/catalogue/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.matches("mhlw-[a-z-]+-[0-9.]+\\.yaml")).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedVersions")
    void the_oscal_export_validates_and_reads_back_to_the_same_requirements(String file) throws Exception {
        VersionBundle bundle;
        try (InputStream in = OscalCatalogTest.class.getResourceAsStream("/catalogue/" + file)) {
            bundle = BundleImporter.parse(in.readAllBytes(), true);
        } catch (jp.anzen.requirements.importing.InvalidBundleException e) {
            throw new AssertionError(file + ": " + e.errors(), e);
        }
        var f = bundle.framework();
        var v = bundle.version();
        Framework framework = new Framework(f.id(), f.kind(), f.titleJa(), f.titleEn(), f.publisher(), List.of());
        FrameworkVersion version = new FrameworkVersion(f.id(), v.version(), VersionStatus.PUBLISHED, v.titleJa(),
                v.titleEn(), v.fiscalYear(), v.released(), v.sourceUrls() == null ? List.of() : v.sourceUrls(), v.notes(),
                Instant.parse("2025-05-16T00:00:00Z"));
        List<Requirement> requirements = BundleImporter.requirements(bundle);

        var catalog = OscalCatalogWriter.write(framework, version, requirements);
        Path exported = Files.createDirectories(Path.of("target", "oscal")).resolve(file.replace(".yaml", ".json"));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(exported.toFile(), catalog);

        assertThat(OscalValidation.CATALOG.problems(exported)).as("OSCAL problems in " + exported).isEmpty();
        VersionBundle readBack = OscalCatalogReader.read(catalog);
        assertThat(readBack.framework()).isEqualTo(bundle.framework());
        assertThat(BundleImporter.requirements(readBack)).containsExactlyElementsOf(requirements.stream()
                .map(r -> r.wording() == null ? r : r).toList());
    }
}
