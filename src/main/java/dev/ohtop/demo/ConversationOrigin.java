package dev.ohtop.demo;

import java.util.List;

/** What a conversation was started with; fixed for its life. */
record ConversationOrigin(
        String repository,
        String branch,
        String gitProvider,
        String llmModel,
        String agentKind,
        String trigger,
        List<Integer> prNumbers,
        String parentId) {

    ConversationOrigin {
        prNumbers = List.copyOf(prNumbers);
    }

    boolean isAcp() {
        return "acp".equals(agentKind);
    }
}
