package com.rostersync.deploy.k8s;

import com.rostersync.kernel.config.KernelDefaults;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's configuration as it runs in its pod: the environment the manifest gives its container (literal values,
 * ConfigMaps through {@code envFrom} and {@code configMapKeyRef}, and a stand-in for every Secret reference) over the
 * service's own {@code <service>.yml} over the kernel's shared defaults, with Spring's precedence and relaxed names.
 */
final class ServiceSettings {

    /** What a Secret reference reads as here: the test never sees, and must not need, the real value. */
    static final String SECRET_STAND_IN = "<secret>";

    private final MutablePropertySources sources = new MutablePropertySources();

    private ServiceSettings(Map<String, Object> environment, String service) {
        sources.addLast(new SystemEnvironmentPropertySource(
                // Spring maps relaxed names (SPRING_KAFKA_PROPERTIES_SASL_MECHANISM) only for a source of this name.
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        try {
            List<PropertySource<?>> yml =
                    new YamlPropertySourceLoader().load(service, new ClassPathResource(service + ".yml"));
            if (yml.isEmpty()) {
                throw new IllegalStateException(service + ".yml is not on the classpath");
            }
            yml.forEach(sources::addLast);
            // Lowest precedence, as in the running service: what every service shares from service-kernel.
            sources.addLast(new MapPropertySource("kernel-defaults", KernelDefaults.defaults()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceSettings of(String service, Container container, List<HasMetadata> objects) {
        return new ServiceSettings(environment(container, objects), service);
    }

    static Map<String, Object> environment(Container container, List<HasMetadata> objects) {
        Map<String, Object> environment = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap map = Manifests.find(
                        objects, ConfigMap.class, from.getConfigMapRef().getName());
                environment.putAll(map.getData());
            } else {
                throw new AssertionError("envFrom other than a ConfigMap in " + container.getName());
            }
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                String value = Manifests.find(objects, ConfigMap.class, ref.getName())
                        .getData()
                        .get(ref.getKey());
                if (value == null) {
                    throw new AssertionError(
                            variable.getName() + ": ConfigMap " + ref.getName() + " has no key " + ref.getKey());
                }
                environment.put(variable.getName(), value);
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                environment.put(variable.getName(), SECRET_STAND_IN);
            }
        }
        return environment;
    }

    /**
     * A property as Spring Boot binds it (relaxed names: an environment variable counts only under a name Spring
     * maps to the property), placeholders resolved; null when unset.
     */
    String property(String name) {
        return binder().bind(name, String.class).orElse(null);
    }

    <T> T bind(String prefix, Class<T> type) {
        return binder().bindOrCreate(prefix, type);
    }

    private Binder binder() {
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }
}
