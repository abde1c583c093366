package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx configuration of one cluster: the repository's {@code deploy/nginx/nginx.conf} with this
 * cluster's ports.
 *
 * <p>The file in the repository is a working configuration for the default cluster (nginx on 8080, nodes
 * on 8081 and 8082), so it can be read, tried and changed as it is. {@link #render} rewrites only what
 * differs from one cluster to the next: the port in its one {@code listen} line, and the {@code server}
 * lines of its upstream, one per node, each keeping the parameters of the first ({@code max_fails} and so
 * on). Everything else, the part the lab explains, is used exactly as written.
 *
 * <p>Paths in the file are relative to nginx's prefix ({@code -p}), which {@link #writeTo} prepares: the
 * configuration and a {@code logs} directory (nginx makes its temporary directories itself, but not the
 * directory of its logs).
 */
public final class NginxConfig {

    /** Where the template lives, relative to the repository's root. */
    public static final String TEMPLATE = "deploy/nginx/nginx.conf";
    /** The rendered file's name inside the prefix, as nginx's {@code -c} names it. */
    public static final String FILE_NAME = "nginx.conf";
    /** The directory of the logs inside the prefix (error.log, access.log, nginx.pid). */
    public static final String LOGS = "logs";

    /** {@code listen 8080;} (optionally an address and parameters around the port). */
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*listen\\s+)([^;\\s]*:)?(\\d+)([^;]*;)");
    /** {@code server 127.0.0.1:8081 max_fails=1;} inside the upstream block; {@code server {} is not one. */
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*server\\s+)([^\\s;{]+:\\d+)([^;\\n]*;)[^\\n]*\\n");

    private NginxConfig() {}

    /**
     * The template with {@code listenPort} in its {@code listen} line and one upstream {@code server} line
     * per address in {@code nodes} (each {@code host:port}), in that order.
     *
     * @throws IllegalArgumentException when the template has not exactly one {@code listen} line or no
     *     upstream {@code server} line: a changed template must still say where those go
     */
    public static String render(String template, int listenPort, List<String> nodes) {
        Objects.requireNonNull(template, "template");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        Matcher listen = LISTEN.matcher(template);
        if (!listen.find()) {
            throw new IllegalArgumentException("the nginx template has no 'listen PORT;' line");
        }
        int listenStart = listen.start(3);
        int listenEnd = listen.end(3);
        if (listen.find()) {
            throw new IllegalArgumentException("the nginx template has more than one 'listen' line; the cluster renders one");
        }
        String withPort = template.substring(0, listenStart) + listenPort + template.substring(listenEnd);

        Matcher server = UPSTREAM_SERVER.matcher(withPort);
        if (!server.find()) {
            throw new IllegalArgumentException("the nginx template has no upstream 'server HOST:PORT ...;' line");
        }
        StringBuilder servers = new StringBuilder();
        for (String node : nodes) {
            servers.append(server.group(1)).append(node).append(server.group(3)).append('\n');
        }
        StringBuilder rendered = new StringBuilder(withPort.substring(0, server.start()));
        rendered.append(servers);
        int last = server.end();
        while (server.find()) {
            rendered.append(withPort, last, server.start());
            last = server.end();
        }
        rendered.append(withPort.substring(last));
        return rendered.toString();
    }

    /**
     * The template's text: {@code file} when given, else {@value #TEMPLATE} of the repository this program
     * runs in (looked for from the working directory upwards), else the copy on the class path, if the
     * build put one there.
     *
     * @throws IllegalStateException when there is none, saying where it looked
     */
    public static String template(Path file) {
        if (file != null) {
            return read(file);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TEMPLATE);
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        try (InputStream in = NginxConfig.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE + " from the class path", e);
        }
        throw new IllegalStateException("cannot find " + TEMPLATE + " in " + Path.of("").toAbsolutePath()
                + " or above it: run from the repository (or give a template with --nginx-conf)");
    }

    /**
     * Prepares nginx's prefix {@code prefix}: writes {@code config} as {@value #FILE_NAME} and makes the
     * {@value #LOGS} directory.
     *
     * @return the configuration file
     */
    public static Path writeTo(Path prefix, String config) {
        try {
            Files.createDirectories(prefix.resolve(LOGS));
            Path file = prefix.resolve(FILE_NAME);
            Files.writeString(file, config, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the nginx configuration into " + prefix, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the nginx template " + file, e);
        }
    }
}
