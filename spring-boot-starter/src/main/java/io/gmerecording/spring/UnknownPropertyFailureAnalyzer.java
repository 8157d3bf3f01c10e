package io.gmerecording.spring;

import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * A {@code gme.recording} property that does not exist, reported by name and origin, never by value: Spring's own
 * report prints the value, and a misspelled {@code credentials.secret-kye} holds the SecretKey. Ordered before
 * Spring's analyzers, which would otherwise answer first.
 */
final class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!cause.getName().toString().startsWith(GmeRecordingProperties.PREFIX)
                || !(cause.getCause() instanceof UnboundConfigurationPropertiesException)) {
            return null;
        }
        String unknown = ((UnboundConfigurationPropertiesException) cause.getCause()).getUnboundProperties().stream()
                .map(UnknownPropertyFailureAnalyzer::nameAndOrigin).sorted()
                .collect(Collectors.joining("\n    ", "    ", ""));
        return new FailureAnalysis("Properties under '" + GmeRecordingProperties.PREFIX + "' that gme-recording does "
                + "not have (their values are not shown: one may be a secret):\n" + unknown,
                "Correct the names (see the gme.recording properties in docs/spring-boot.md) or remove them.", cause);
    }

    private static String nameAndOrigin(ConfigurationProperty property) {
        return property.getName() + (property.getOrigin() == null ? "" : " (from " + property.getOrigin() + ")");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
