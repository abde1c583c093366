package org.livevitals.echo;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Serves a folder of the class path (HTML, CSS, JavaScript) over HTTP: the browser pages of every
 * step live in the step's jar, so there is no front-end build and nothing to deploy beside it.
 */
public final class StaticFiles {

    private StaticFiles() {}

    /** Serves {@code classpathFolder} (e.g. {@code webroot/echo/}), with index.html as the welcome page. */
    public static ResourceHandler fromClasspath(Server server, String classpathFolder) {
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newClassLoaderResource(classpathFolder));
        files.setWelcomeFiles("index.html");
        files.setDirAllowed(false);
        return files;
    }
}
