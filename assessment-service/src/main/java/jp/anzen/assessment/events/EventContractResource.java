package jp.anzen.assessment.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The published contract of what this service writes on {@code assessment-events}: an AsyncAPI 3 document and a JSON
 * Schema per event type, which consumers read to build their own classes (there is no shared code module). Served
 * beside the service's OpenAPI document, as documentation: not part of the REST API, so no sign-in.
 */
@Path("/events")
@PermitAll
public class EventContractResource {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z-]{1,60}");

    @GET
    @Path("/asyncapi.yaml")
    @Produces("application/yaml")
    @Operation(hidden = true)
    public byte[] asyncApi() throws IOException {
        return resource("events/asyncapi.yaml");
    }

    @GET
    @Path("/schemas/{type}.schema.json")
    @Produces("application/schema+json")
    @Operation(hidden = true)
    public byte[] schema(@PathParam("type") String type) throws IOException {
        if (!TYPE.matcher(type).matches()) {
            throw new NotFoundException("No event type " + type);
        }
        return resource("events/schemas/" + type + ".schema.json");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EventContractResource.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new NotFoundException("No such document: " + name);
            }
            return in.readAllBytes();
        }
    }
}
