package dev.ohtop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One tool use of the simulated agent: the action it takes and the observation that comes back. */
sealed interface AgentStep {
    String toolName();

    /** One line an agent would put in {@code summary}. */
    String summary();

    /** The agent's reasoning shown in {@code thought[]}; may be empty. */
    String thought();

    String securityRisk();

    ObjectNode action();

    ObjectNode observation();

    /** The JSON arguments of the LLM tool call, as the string the LLM produced. */
    default String arguments() {
        ObjectNode arguments = action().deepCopy();
        arguments.remove("kind");
        return Json.text(arguments);
    }

    record Terminal(String command, String output, int exitCode, String summary, String thought) implements AgentStep {
        @Override
        public String toolName() {
            return "terminal";
        }

        @Override
        public String securityRisk() {
            if (command.startsWith("rm ") || command.contains("push --force")) {
                return "HIGH";
            }
            return command.startsWith("pip install") ? "MEDIUM" : "LOW"; // changes the environment, not the work
        }

        @Override
        public ObjectNode action() {
            return Json.object()
                    .put("kind", "TerminalAction")
                    .put("command", command)
                    .put("is_input", false)
                    .put("reset", false);
        }

        @Override
        public ObjectNode observation() {
            ObjectNode observation = Json.object().put("kind", "TerminalObservation");
            observation.set("content", EventJson.textContent(output));
            observation
                    .put("is_error", false)
                    .put("command", command)
                    .put("exit_code", exitCode)
                    .put("timeout", false);
            observation
                    .putObject("metadata")
                    .put("exit_code", exitCode)
                    .put("pid", 100 + command.length())
                    .put("username", "openhands")
                    .put("hostname", "sandbox")
                    .put("working_dir", SandboxFiles.PROJECT)
                    .put("prefix", "")
                    .put("suffix", "");
            return observation;
        }
    }

    /** {@code command} is {@code view}, {@code str_replace} or {@code create}. */
    record FileEdit(
            String command, String path, String oldText, String newText, String output, String summary, String thought)
            implements AgentStep {
        @Override
        public String toolName() {
            return "file_editor";
        }

        @Override
        public String securityRisk() {
            return command.equals("view") ? "LOW" : "MEDIUM";
        }

        @Override
        public ObjectNode action() {
            ObjectNode action = Json.object()
                    .put("kind", "FileEditorAction")
                    .put("command", command)
                    .put("path", path);
            if (command.equals("str_replace")) {
                action.put("old_str", oldText).put("new_str", newText);
            } else if (command.equals("create")) {
                action.put("file_text", newText);
            }
            return action;
        }

        @Override
        public ObjectNode observation() {
            ObjectNode observation = Json.object().put("kind", "FileEditorObservation");
            observation.set("content", EventJson.textContent(output));
            observation
                    .put("is_error", false)
                    .put("command", command)
                    .put("path", path)
                    .put("prev_exist", !command.equals("create"));
            return observation;
        }
    }

    record Think(String thought) implements AgentStep {
        @Override
        public String toolName() {
            return "think";
        }

        @Override
        public String summary() {
            return "think about the next step";
        }

        @Override
        public String securityRisk() {
            return "UNKNOWN";
        }

        @Override
        public ObjectNode action() {
            return Json.object().put("kind", "ThinkAction").put("thought", thought);
        }

        @Override
        public ObjectNode observation() {
            ObjectNode observation = Json.object().put("kind", "ThinkObservation");
            observation.set("content", EventJson.textContent("Your thought has been logged."));
            return observation.put("is_error", false);
        }
    }

    record Finish(String message) implements AgentStep {
        @Override
        public String toolName() {
            return "finish";
        }

        @Override
        public String summary() {
            return "report the result";
        }

        @Override
        public String thought() {
            return "";
        }

        @Override
        public String securityRisk() {
            return "LOW";
        }

        @Override
        public ObjectNode action() {
            return Json.object().put("kind", "FinishAction").put("message", message);
        }

        @Override
        public ObjectNode observation() {
            ObjectNode observation = Json.object().put("kind", "FinishObservation");
            observation.set("content", EventJson.textContent(message));
            return observation.put("is_error", false);
        }
    }
}
