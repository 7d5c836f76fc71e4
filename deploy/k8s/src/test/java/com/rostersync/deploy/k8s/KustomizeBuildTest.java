package com.rostersync.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The renderer behind the manifest tests does what Kustomize does for the fields it accepts, and refuses the rest. */
class KustomizeBuildTest {

    @TempDir
    Path dir;

    @Test
    void anOverlayPatchesItsBaseAndSetsNamespaceAndImages() throws IOException {
        write("base/kustomization.yaml", """
                resources: [app.yaml]
                """);
        write(
                "base/app.yaml",
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, labels: {tier: app}}
                data: {A: "1", B: "2"}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: one, labels: {tier: app}}
                spec:
                  template:
                    spec:
                      containers:
                        - name: one
                          image: example/one:1.0
                          env: [{name: X, value: "x"}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: two, labels: {tier: other}}
                spec:
                  template:
                    spec:
                      containers:
                        - name: two
                          image: example/two
                          env: [{name: X, value: "x"}]
                """);
        write(
                "prod/kustomization.yaml",
                """
                namespace: prod
                resources: [../base]
                images:
                  - {name: example/one, newName: registry:5000/one, newTag: "2.0"}
                patches:
                  - path: settings.yaml
                  - target: {kind: Deployment, labelSelector: tier=app}
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/env/-
                        value: {name: Y, value: "y"}
                      - op: replace
                        path: /metadata/labels/tier
                        value: patched
                """);
        write(
                "prod/settings.yaml",
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {B: "20", C: "30"}
                """);

        Map<String, ObjectNode> rendered = KustomizeBuild.byKindAndName(KustomizeBuild.render(dir.resolve("prod")));

        assertThat(rendered.get("ConfigMap/settings").get("data").toString())
                .isEqualTo("{\"A\":\"1\",\"B\":\"20\",\"C\":\"30\"}");
        ObjectNode one = rendered.get("Deployment/one");
        assertThat(one.at("/spec/template/spec/containers/0/env").toString())
                .isEqualTo("[{\"name\":\"X\",\"value\":\"x\"},{\"name\":\"Y\",\"value\":\"y\"}]");
        assertThat(one.at("/metadata/labels/tier").asString()).isEqualTo("patched");
        assertThat(one.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("registry:5000/one:2.0");
        ObjectNode two = rendered.get("Deployment/two");
        assertThat(two.at("/spec/template/spec/containers/0/env").size()).isEqualTo(1);
        assertThat(two.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("example/two");
        assertThat(rendered.values())
                .allSatisfy(
                        r -> assertThat(r.at("/metadata/namespace").asString()).isEqualTo("prod"));
    }

    @Test
    void strategicMergeMergesNamedListsByName() throws IOException {
        write(
                "kustomization.yaml",
                """
                resources: [app.yaml]
                patches: [{path: patch.yaml}]
                """);
        write(
                "app.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: one}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: one, image: a, env: [{name: X, value: "1"}]}
                """);
        write(
                "patch.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: one}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: one, env: [{name: X, value: "2"}, {name: Z, value: "3"}]}
                """);

        List<ObjectNode> rendered = KustomizeBuild.render(dir);

        assertThat(rendered.get(0).at("/spec/template/spec/containers/0").toString())
                .isEqualTo("{\"name\":\"one\",\"image\":\"a\",\"env\":[{\"name\":\"X\",\"value\":\"2\"},"
                        + "{\"name\":\"Z\",\"value\":\"3\"}]}");
    }

    @Test
    void refusesAFieldItDoesNotRender() throws IOException {
        write(
                "kustomization.yaml",
                """
                resources: []
                commonLabels: {a: b}
                """);

        assertThatThrownBy(() -> KustomizeBuild.render(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'commonLabels' is not rendered");
    }

    @Test
    void aPatchThatMatchesNothingIsAnError() throws IOException {
        write(
                "kustomization.yaml",
                """
                resources: [app.yaml]
                patches:
                  - target: {kind: Deployment, name: missing}
                    patch: |-
                      - {op: remove, path: /spec}
                """);
        write(
                "app.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: one}
                spec: {}
                """);

        assertThatThrownBy(() -> KustomizeBuild.render(dir)).hasMessageContaining("matches no resource");
    }

    @Test
    void aJsonPatchOnAPathThatDoesNotExistIsAnError() throws IOException {
        write(
                "kustomization.yaml",
                """
                resources: [app.yaml]
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      - {op: add, path: /spec/template/spec/volumes/-, value: {name: v}}
                """);
        write(
                "app.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: one}
                spec: {}
                """);

        assertThatThrownBy(() -> KustomizeBuild.render(dir)).hasMessageContaining("path does not exist");
    }

    private void write(String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
