package io.acqsim.capture;

/**
 * A TCP connection of a capture, client first: the sender of the SYN when the handshake was captured
 * ({@code clientKnown}), else the side with the higher port (the ephemeral one). Prints as
 * {@code 10.0.0.5:40312-10.0.0.1:8583}, the same for both directions.
 */
public record TcpConnection(Endpoint client, Endpoint server, boolean clientKnown) {
    @Override
    public String toString() {
        return client + "-" + server;
    }

    /** The name of one direction: {@code 10.0.0.5:40312 -> 10.0.0.1:8583}. */
    public String direction(boolean fromClient) {
        return fromClient ? client + " -> " + server : server + " -> " + client;
    }
}
