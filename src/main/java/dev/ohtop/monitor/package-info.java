/**
 * State and its upkeep, without a terminal: the conversation board, one event tail per open
 * conversation, and the pollers that keep them fresh. Screens read immutable snapshots (replaced
 * whole, cheap to take from any thread) and call methods; nothing here draws or imports Lanterna.
 *
 * <h2>Wiring (what the UI does)</h2>
 * <pre>{@code
 * ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2);   // board + open tail
 * ConversationBoard board = new ConversationBoard(cloud, clock);
 * Poller boardPoller = new Poller("conversations", board::refresh, refresh, pollers, clock,
 *         random::nextDouble, ui::requestRedraw);
 * boardPoller.start();
 * ... draw board.snapshot().view(filter); near the end of the rows: pollers.execute(() -> board.loadMore())
 *
 * // Enter on a conversation:
 * EventTail tail = new EventTail(id, EventFeed.cloud(cloud, id), clock);
 * Poller tailPoller = new Poller("events", tail::poll, refresh, pollers, clock, random::nextDouble, ui::requestRedraw);
 * tailPoller.start();
 * boardPoller.setInterval(refresh.multipliedBy(5));   // the header still wants the statuses and cost
 * ... view = view == null ? tail.snapshot().view(filter) : view.update(tail.snapshot(), filter);
 * // Esc: tailPoller.close(); boardPoller.setInterval(refresh); boardPoller.pokeNow();
 * }</pre>
 * Blocking calls ({@code refresh}, {@code poll}, {@code loadMore}) run on the pollers' threads,
 * never the UI thread. Give the scheduler a thread per poller that may run at once; with fewer,
 * pollers only wait for each other.
 *
 * <h2>Pausing</h2>
 * A screen that is not visible pauses its pollers ({@link dev.ohtop.monitor.Poller#pause()}), and
 * closing a conversation's events closes its tail's poller. The one exception is the board while
 * the events screen is in front: the events header shows the conversation's statuses and cost,
 * which come from the board's row, so the board keeps polling there, but five times slower
 * ({@link dev.ohtop.monitor.Poller#setInterval}; 15 s at the default 3 s). A quiet board refresh
 * costs at most 3 requests and an idle tail 1, so with the events screen open that is at most
 * 12 + 20 a minute, and the list alone at most 60; whatever comes on top (a tail filling in its
 * history, older pages, a filter's search) is held within Cloud's limits by the client's
 * {@link dev.ohtop.api.RateGate}.
 *
 * <h2>Changes</h2>
 * Every change a screen asks for goes through {@link dev.ohtop.monitor.CloudWork}: a message
 * ({@link dev.ohtop.monitor.MessageSend}), a pause or resume ({@link dev.ohtop.monitor.SandboxPower}),
 * a new conversation ({@link dev.ohtop.monitor.ConversationStart}), console commands and transfers.
 * Each holds its state behind a snapshot and tells a callback when it changes, on a worker; a
 * screen that must act on the result hands it to the UI thread. {@link dev.ohtop.monitor.CloudAccount}
 * makes the readers and the CloudWork from the one client, read-only under --readonly.
 *
 * <h2>Failures</h2>
 * A failed refresh or poll keeps what was shown, marks it stale with the problem (one line, the
 * client's message) and its age ({@link dev.ohtop.monitor.Freshness}), and rethrows so that the
 * {@link dev.ohtop.monitor.Poller} backs off; the next success clears the problem.
 */
package dev.ohtop.monitor;
