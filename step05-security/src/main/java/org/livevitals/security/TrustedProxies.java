package org.livevitals.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressPattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who the client is when a proxy stands between it and the server (Lab 6's nginx): the address the
 * proxy puts in {@code X-Forwarded-For}, believed only on a connection that comes from a proxy this
 * server was told to trust ({@code --trusted-proxy}).
 *
 * <p>Behind a proxy every connection comes from the proxy. Without this, the audit trail would name the
 * proxy for everyone, and every limit kept per address ({@link SignInThrottle}, {@link RefusalLimiter})
 * would put the whole hospital in one bucket: twenty sign-ins in a minute at a shift change, and every
 * clinician gets 429. But the header cannot simply be believed, since any client can send one. So:
 *
 * <ul>
 *   <li>On a connection from anywhere else, the client is the connection's address, whatever headers it
 *       sends. With no trusted proxy (the default) that is every connection.</li>
 *   <li>From a trusted proxy, the client is the <em>last</em> address of {@code X-Forwarded-For}: the one
 *       the proxy appended, the peer it saw (nginx's {@code $proxy_add_x_forwarded_for}). The addresses
 *       before it arrived with the request, written by the client or by proxies nobody here vouches for,
 *       and are not believed.</li>
 *   <li>A last entry that is not an IP address (a misconfigured proxy: a client cannot write that part) is
 *       not believed either: the client is then the proxy, as if there were no header.</li>
 * </ul>
 *
 * <p>Jetty's {@link ForwardedRequestCustomizer} does the rewriting: the request it returns has the
 * client's address as its remote address, so {@code Request.getRemoteAddr} gives it to every handler and
 * to the WebSocket handshake. By itself it would believe any client, read the other forwarding headers
 * too (which nginx passes on from the client untouched), and take the <em>first</em> address of the list.
 * So it is set to read {@code X-Forwarded-For} alone, is asked only for connections from a trusted proxy,
 * and sees only the list's last entry.
 */
public final class TrustedProxies implements HttpConfiguration.Customizer {

    /** How a trusted proxy may be given: an IPv4 or IPv6 address, or a CIDR range of them; never a name (no DNS). */
    public static final Pattern PROXY = Pattern.compile("([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)(/[0-9]{1,3})?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    /** What an IPv6 address is written with (a ':' at least, so that Java parses it and never asks DNS), no longer than one. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}");

    private final InetAddressSet proxies = new InetAddressSet();
    private final ForwardedRequestCustomizer forwardedFor = forwardedForOnly();

    /**
     * @param proxies the proxies' addresses or CIDR ranges ({@link #PROXY}), e.g. {@code 127.0.0.1}, {@code 10.0.0.0/8}
     * @throws IllegalArgumentException for an entry that is not one
     */
    public TrustedProxies(Collection<String> proxies) {
        for (String proxy : proxies) {
            this.proxies.add(checked(proxy));
        }
    }

    /** {@code proxy}, if it is an address or a CIDR range ({@link #PROXY}); else an IllegalArgumentException that says so. */
    public static String checked(String proxy) {
        boolean valid = PROXY.matcher(proxy).matches();
        if (valid) {
            try {
                InetAddressPattern.from(proxy); // refuses a bad number: 300.1.1.1, a /40
            } catch (IllegalArgumentException badNumber) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("'" + proxy + "' is not an IP address or a CIDR range such as 10.0.0.0/8");
        }
        return proxy;
    }

    private static ForwardedRequestCustomizer forwardedForOnly() {
        ForwardedRequestCustomizer customizer = new ForwardedRequestCustomizer();
        // A header name set to null is not read. nginx sets X-Forwarded-For (and X-Forwarded-Proto, which
        // nothing here needs); every other one would come from the client as it wrote it.
        customizer.setForwardedHeader(null);
        customizer.setForwardedHostHeader(null);
        customizer.setForwardedServerHeader(null);
        customizer.setForwardedProtoHeader(null);
        customizer.setForwardedPortHeader(null);
        customizer.setForwardedHttpsHeader(null);
        customizer.setForwardedCipherSuiteHeader(null);
        customizer.setForwardedSslSessionIdHeader(null);
        return customizer;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (!fromTrustedProxy(request)) {
            return request; // whatever it says about itself, this connection is the client
        }
        List<String> fields = request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR);
        if (fields.isEmpty()) {
            return request;
        }
        // The text after the last comma of the last field is what the proxy appended. Not read as quoted
        // CSV: a client's lone '"' would then swallow the proxy's entry into its own.
        String list = fields.get(fields.size() - 1);
        String client = list.substring(list.lastIndexOf(',') + 1).trim();
        if (!isIpAddress(client)) {
            return request;
        }
        HttpFields lastHopOnly = HttpFields.build(request.getHeaders()).put(HttpHeader.X_FORWARDED_FOR, client).asImmutable();
        return forwardedFor.customize(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return lastHopOnly;
            }
        }, responseHeaders);
    }

    /** An IPv4 address in dotted decimal, or an IPv6 address: what a proxy writes for the peer it saw (no port, no name). */
    static boolean isIpAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(text); // a literal with ':' is parsed, never looked up
            return true;
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    private boolean fromTrustedProxy(Request request) {
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        return peer instanceof InetSocketAddress address && address.getAddress() != null && proxies.test(address.getAddress());
    }
}
