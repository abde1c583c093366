package org.livevitals.echo;

import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Serves a folder of the class path (HTML, CSS, JavaScript) over HTTP: the browser pages of every
 * step live in the step's jar, so there is no front-end build and nothing to deploy beside it.
 */
public final class StaticFiles {

    private StaticFiles() {}

    /**
     * Serves {@code classpathFolders} (e.g. {@code webroot/echo/}) as one site, with index.html as the
     * welcome page. A file in an earlier folder hides the same file in a later one: that is how a later
     * lab overrides a page of an earlier one and adds scripts, without copying the rest.
     */
    public static ResourceHandler fromClasspath(Server server, String... classpathFolders) {
        ResourceFactory resources = ResourceFactory.of(server);
        List<Resource> layers = Arrays.stream(classpathFolders).map(folder -> {
            Resource layer = resources.newClassLoaderResource(folder);
            if (layer == null) {
                throw new IllegalArgumentException("no folder " + folder + " on the class path");
            }
            return layer;
        }).toList();
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.combine(layers));
        files.setWelcomeFiles("index.html");
        files.setDirAllowed(false);
        return files;
    }
}
