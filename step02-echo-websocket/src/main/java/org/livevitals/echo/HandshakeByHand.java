package org.livevitals.echo;

import java.io.PrintStream;
import java.util.HexFormat;
import org.livevitals.rawsockets.WireText;

/**
 * The handshake and one echo, done with nothing but a socket and printed step by step.
 *
 * <p>Run it against the echo server to see exactly what crosses the wire: the HTTP Upgrade
 * request, the 101 answer, the accept value checked, one masked frame out and the echoed frame
 * decoded, then the closing handshake.
 */
public final class HandshakeByHand {

    private HandshakeByHand() {}

    public static void run(String host, int port, String message, PrintStream out) throws Exception {
        out.println("-- opening handshake over a plain TCP socket to " + host + ":" + port);
        try (RawWebSocket socket = RawWebSocket.connect(host, port, EchoServer.PATH, out::println)) {
            out.println("-- sending '" + message + "' as one masked text frame");
            socket.sendText(message);
            RawFrame echo = socket.readFrame();
            out.println("-- received frame: FIN=" + echo.fin() + " opcode=" + echo.opcode()
                    + " length=" + echo.payload().length + " payload=" + HexFormat.ofDelimiter(" ").formatHex(echo.payload()));
            out.println("   decoded as UTF-8: " + WireText.printable(echo.text())); // the hex above has every byte
            out.println("-- closing handshake: sending close 1000");
            socket.sendClose(1000, "done");
            RawFrame close = socket.readFrame();
            out.println("-- server answered: close " + close.closeCode() + " '" + WireText.printable(close.closeReason()) + "'");
        }
    }
}
