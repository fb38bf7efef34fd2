package jp.anzen.reporting.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Jackson calls record accessors through reflection by default; a network summary of 10,000 facilities makes over
 * 100,000 such calls. Blackbird replaces them with lambdas it generates once per property.
 */
@Singleton
public class FastAccessors implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
