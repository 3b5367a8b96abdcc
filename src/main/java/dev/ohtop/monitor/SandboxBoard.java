package dev.ohtop.monitor;

import dev.ohtop.api.ApiException;
import dev.ohtop.api.CloudClient;

import java.time.Clock;

/** PLACEHOLDER: the account's sandboxes, refreshed by a poller (being written). */
public final class SandboxBoard {
    private final CloudClient cloud;
    private final Clock clock;

    public SandboxBoard(CloudClient cloud, Clock clock) {
        this.cloud = cloud;
        this.clock = clock;
    }

    public void refresh() throws ApiException {
    }
}
