package dev.ohtop.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * An address of this machine that is not loopback (an Ethernet interface's): a server bound to
 * every interface is reachable there, yet to ohtop it is a remote host, where plain http would
 * carry a key in clear text. Proof that a refused request was really never sent.
 */
public final class LocalAddresses {
    private LocalAddresses() {}

    /** The first IPv4 address of an interface that is up and not loopback, if the machine has one. */
    public static Optional<InetAddress> nonLoopback() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address
                            && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: none to use
        }
        return Optional.empty();
    }
}
