package io.jitaccess.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** A server's own files: its copy of the distribution (made once), its provider jars, its realm imports, its data. */
final class ServerFiles {

    private ServerFiles() {}

    static void prepare(ServerSettings settings, Path home) {
        try {
            copyDistributionOnce(settings, home);
            Path providers = home.resolve("providers");
            try (Stream<Path> old = Files.list(providers)) {
                for (Path jar : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                    Files.delete(jar);
                }
            }
            for (Path jar : settings.providers) {
                Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Path imports = home.resolve("data/import");
            deleteTree(imports);
            if (settings.freshData) {
                deleteTree(home.resolve("data"));
            }
            if (!settings.realmImports.isEmpty()) {
                Files.createDirectories(imports);
                for (Path realm : settings.realmImports) {
                    Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Keycloak in " + home, e);
        }
    }

    private static void copyDistributionOnce(ServerSettings settings, Path home) throws IOException {
        Path marker = home.resolve(".jit-copied-from");
        Path source = settings.distribution.home();
        if (Files.exists(marker) && Files.readString(marker).equals(source.toString())) {
            return;
        }
        deleteTree(home);
        Files.createDirectories(home);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = home.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(marker, source.toString());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
