package dev.doorman.server.dialog;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {placeholder}} slots of a configured prompt ("Did you say {resident} in {apartment}?").
 * An unknown or missing placeholder is left empty, never printed as braces to a caller.
 */
public final class PromptTemplate {
    private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)}");

    private PromptTemplate() {
    }

    public static String render(String template, Map<String, String> values) {
        Matcher m = SLOT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll(" {2,}", " ").replaceAll(" ([,.?!])", "$1").trim();
    }
}
