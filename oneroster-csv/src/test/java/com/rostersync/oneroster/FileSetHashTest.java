package com.rostersync.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import com.rostersync.events.snapshot.SnapshotFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileSetHashTest {

    private static SnapshotFile file(String name, String content) {
        return new SnapshotFile(name, content, 1);
    }

    @Test
    void doesNotDependOnTheOrderOfTheFiles() {
        assertThat(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", "b"))))
                .isEqualTo(FileSetHash.of(List.of(file("users.csv", "b"), file("orgs.csv", "a"))));
    }

    @Test
    void changesWhenAnyByteOfAnyFileChanges() {
        assertThat(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", "b"))))
                .isNotEqualTo(FileSetHash.of(List.of(file("orgs.csv", "a"), file("users.csv", "b "))));
    }

    @Test
    void keepsNameAndContentApart() {
        assertThat(FileSetHash.of(List.of(file("a", "bc")))).isNotEqualTo(FileSetHash.of(List.of(file("ab", "c"))));
    }
}
