package jp.anzen.requirements.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BundleValidatorTest {

    private static final String BAD = """
            format: anzen-catalogue-bundle/1
            framework: {id: test-fw, kind: checklist, title_ja: テスト, title_en: Test, publisher: Anzen}
            version: {version: '1', title_ja: 第1版, title_en: First}
            requirements:
              - {key: a, kind: group, text_ja: 群, confidence: verified}
              - {key: a, kind: item, text_ja: 重複, confidence: verified}
              - {key: b, parent: nowhere, kind: item, text_ja: 親なし, confidence: verified}
              - {key: c, kind: item, text_en: no Japanese, confidence: verified}
              - {key: d, kind: item, text_ja: 対象, target: mainframe, facility_kinds: [hospital, spaceport], confidence: verified}
            """;

    @Test
    void every_error_in_a_bundle_is_reported_at_once_with_its_location() {
        List<BundleError> errors;
        try {
            BundleImporter.parse(BAD.getBytes(StandardCharsets.UTF_8), true);
            throw new AssertionError("expected an InvalidBundleException");
        } catch (InvalidBundleException e) {
            errors = e.errors();
        }
        // the schema's errors (text_ja, target, facility kind) and the ones it cannot say (duplicate key, parent)
        assertThat(errors).extracting(BundleError::pointer).containsExactlyInAnyOrder(
                "/requirements/1/key", "/requirements/2/parent", "/requirements/3/text_ja",
                "/requirements/4/target", "/requirements/4/facility_kinds/1");
        assertThat(errors).filteredOn(e -> e.pointer().equals("/requirements/1/key"))
                .extracting(BundleError::detail).containsExactly("duplicate key 'a'");
    }

    @Test
    void a_syntax_error_is_reported_with_line_and_column() {
        try {
            BundleImporter.parse("format: [unclosed".getBytes(StandardCharsets.UTF_8), true);
        } catch (InvalidBundleException e) {
            assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.pointer()).startsWith("line "));
            return;
        }
        throw new AssertionError("expected an InvalidBundleException");
    }
}
