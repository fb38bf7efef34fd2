package jp.anzen.requirements.authoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * An edition written down as the calls an editor would make ({@code format: anzen-edition-script/1}): the new
 * edition, its edits in order, then publication, all in one transaction. The shipped FY2026 forms and guideline 7.0
 * are scripts, so that they are built exactly as an editor builds an edition through the API.
 */
@ApplicationScoped
public class EditionScript {

    public static final String FORMAT = "anzen-edition-script/1";

    /** The script as a document: the framework the edition belongs to, the new edition and the edits. */
    public record Script(String format, String framework, NewEdition edition, List<Edit> edits) {
    }

    private final EditionAuthoring authoring;
    private final EditionPublisher publisher;
    private final EditionRepository editions;
    private final jp.anzen.requirements.catalogue.CatalogueRepository catalogue;
    private final ObjectMapper json;

    public EditionScript(EditionAuthoring authoring, EditionPublisher publisher, EditionRepository editions,
            jp.anzen.requirements.catalogue.CatalogueRepository catalogue, ObjectMapper json) {
        this.authoring = authoring;
        this.publisher = publisher;
        this.editions = editions;
        this.catalogue = catalogue;
        this.json = json;
    }

    public Script read(JsonNode document) {
        try {
            return json.treeToValue(document, Script.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not an edition script: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Authors and publishes the edition; returns false, having done nothing, when it exists already (a restart, or
     * another instance ran the script first).
     */
    @Transactional
    public boolean run(Script script, String actor) {
        editions.lockName(script.framework(), script.edition().version());
        if (catalogue.version(script.framework(), script.edition().version()).isPresent()) {
            return false;
        }
        authoring.create(script.framework(), script.edition(), actor);
        int at = 0;
        for (Edit edit : script.edits() == null ? List.<Edit>of() : script.edits()) {
            try {
                authoring.edit(script.framework(), script.edition().version(), edit, actor);
            } catch (InvalidEditException e) {
                throw new InvalidEditException("edit " + at + " (" + edit.op() + "): " + e.getMessage(), e.errors());
            }
            at++;
        }
        publisher.publish(script.framework(), script.edition().version());
        return true;
    }
}
