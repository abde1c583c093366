package org.livevitals.broadcast;

import org.livevitals.echo.WebSocketServer;

/**
 * What a later lab adds to the monitoring server's HTTP side, once Lab 3's routes are in place: Lab 5
 * adds sign-in, puts its own handlers on Lab 3's API paths (a route on a path that has one replaces
 * it) and opens a TLS port.
 */
@FunctionalInterface
public interface WebExtension {

    /** Lab 3's server as it is: nothing added. */
    WebExtension NONE = (web, parts, stream) -> { };

    /**
     * @param web    the server being built, with Lab 3's routes already on it
     * @param parts  the parts every monitoring server has
     * @param stream the dashboard stream the server was given
     */
    void extend(WebSocketServer.Builder web, DashboardStream.Parts parts, DashboardStream stream);
}
