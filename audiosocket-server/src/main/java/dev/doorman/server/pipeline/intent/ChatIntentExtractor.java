package dev.doorman.server.pipeline.intent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.StageException;

import dev.doorman.server.pipeline.http.EngineHttpClient;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intent extraction by an OpenAI-compatible chat-completion endpoint ({@code POST /v1/chat/completions};
 * Ollama serves the same path). The model is asked for a JSON object
 * {@code {"intent":..., "visitor_name":..., "apartment":..., "resident_name":...}} with
 * {@code response_format: json_object}; JSON wrapped in markdown fences is accepted too. A slow
 * answer, an HTTP error or a reply that is not that JSON is a {@link StageException} of stage "intent".
 * Spoken apartment numbers in the reply are turned into digits. Failures, retries and the timeout
 * budget are the {@link EngineHttpClient}'s.
 */
public final class ChatIntentExtractor implements IntentExtractor {
    private static final String STAGE = "intent";
    static final String PATH = "/v1/chat/completions";
    private static final Set<String> INTENTS = Set.of(IntentResult.VISIT, IntentResult.DELIVERY, IntentResult.SERVICE,
            IntentResult.AUTHORIZE, IntentResult.DENY, IntentResult.ASK_WHO, IntentResult.UNKNOWN);
    private static final Pattern FENCED = Pattern.compile("```(?:json)?\\s*(\\{.*?})\\s*```", Pattern.DOTALL);
    static final String SYSTEM_PROMPT = """
            You are the doorman of a residential building talking to a visitor at the gate intercom.
            Read the visitor's words and answer with one JSON object only, with these keys:
            "intent": one of "visit", "delivery", "service", "authorize" (yes), "deny" (no), "ask_who", "unknown";
            "visitor_name": the visitor's own name or null;
            "apartment": the apartment number in digits (e.g. "three oh two" -> "302") or null;
            "resident_name": the name of the resident being visited or null.
            Do not invent values that were not said.""";

    private final EngineHttpClient client;
    private final String model;
    private final SpokenNumberParser numbers;
    private final ObjectMapper mapper = new ObjectMapper();

    public ChatIntentExtractor(EngineHttpClient client, String model, SpokenNumberParser numbers) {
        this.client = client;
        this.model = model;
        this.numbers = numbers;
    }

    @Override
    public String provider() {
        return "chat";
    }

    @Override
    public IntentResult extract(String text, DialogTurnContext ctx) {
        EngineHttpClient.Response response = client.post(STAGE, PATH, "application/json", "application/json",
                requestBody(text, ctx).getBytes(StandardCharsets.UTF_8));
        return parse(response.text());
    }

    String requestBody(String text, DialogTurnContext ctx) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model);
        body.put("temperature", 0);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
        if (ctx != null && !ctx.knownEntities().isEmpty()) {
            messages.addObject().put("role", "system").put("content",
                    "Already known from earlier turns: " + mapper.valueToTree(ctx.knownEntities()));
        }
        messages.addObject().put("role", "user").put("content", text);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    IntentResult parse(String body) {
        String content;
        try {
            JsonNode root = mapper.readTree(body);
            JsonNode message = root.path("choices").path(0).path("message").path("content");
            if (!message.isTextual()) {
                throw new StageException(STAGE, StageException.BAD_RESPONSE,
                        "no choices[0].message.content in the reply: " + abbreviate(body));
            }
            content = message.asText();
        } catch (JsonProcessingException e) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE, "reply is not JSON: " + abbreviate(body), e);
        }
        Matcher fenced = FENCED.matcher(content);
        String json = fenced.find() ? fenced.group(1) : content.strip();
        JsonNode answer;
        try {
            answer = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE,
                    "model answer is not a JSON object: " + abbreviate(content), e);
        }
        if (answer == null || !answer.isObject()) {
            throw new StageException(STAGE, StageException.BAD_RESPONSE,
                    "model answer is not a JSON object: " + abbreviate(content));
        }
        String intent = answer.path("intent").asText(IntentResult.UNKNOWN).strip().toLowerCase(java.util.Locale.ROOT);
        if (!INTENTS.contains(intent)) {
            intent = IntentResult.UNKNOWN;
        }
        Map<String, String> entities = new LinkedHashMap<>();
        putText(answer, IntentResult.VISITOR_NAME, entities);
        putText(answer, IntentResult.RESIDENT_NAME, entities);
        putText(answer, IntentResult.APARTMENT, entities);
        String apartment = entities.get(IntentResult.APARTMENT);
        if (apartment != null) {
            String digits = numbers.parseNumber(apartment);
            if (digits != null) {
                entities.put(IntentResult.APARTMENT, digits);
            }
        }
        return new IntentResult(intent, entities);
    }

    private static void putText(JsonNode answer, String key, Map<String, String> entities) {
        JsonNode value = answer.get(key);
        if (value != null && (value.isTextual() || value.isNumber()) && !value.asText().isBlank()
                && !value.asText().equalsIgnoreCase("null")) {
            entities.put(key, value.asText().strip());
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
