package dev.doorman.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.doorman.server.call.CallSnapshot;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET {@code /health} (the process is alive), {@code /ready} (listening and engines loaded; 503
 * otherwise), {@code /metrics} (Prometheus text), {@code /calls} (active calls as JSON),
 * {@code /buildings} (the buildings served, as JSON); POST {@code /buildings/{id}/directory/reload}.
 */
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestHandler.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private static final Pattern RELOAD = Pattern.compile("/buildings/([^/]+)/directory/reload");

    private final AdminEndpoints endpoints;
    private final ObjectMapper json = JsonMapper.builder().build();

    AdminRequestHandler(AdminEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = route(request);
        } catch (Exception e) {
            LOG.warn("admin request {} failed", request.uri(), e);
            response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain", "internal error: " + e + "\n");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse route(FullHttpRequest request) throws JsonProcessingException {
        String path = new QueryStringDecoder(request.uri()).path();
        Matcher reload = RELOAD.matcher(path);
        if (reload.matches()) {
            if (!request.method().equals(HttpMethod.POST)) {
                FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "only POST\n");
                r.headers().set(HttpHeaderNames.ALLOW, "POST");
                return r;
            }
            BuildingAdmin.Answer answer = endpoints.reloadDirectory(reload.group(1));
            return text(HttpResponseStatus.valueOf(answer.status()), JSON, json.writeValueAsString(answer.body()));
        }
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "only GET\n");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return r;
        }
        switch (path) {
            case "/health":
                return text(HttpResponseStatus.OK, JSON, json.writeValueAsString(Map.of("status", "UP")));
            case "/ready": {
                Map<String, Boolean> checks = endpoints.readiness();
                boolean ready = !checks.isEmpty() && checks.values().stream().allMatch(Boolean::booleanValue);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("ready", ready);
                body.put("checks", checks);
                return text(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, JSON,
                        json.writeValueAsString(body));
            }
            case "/metrics":
                return text(HttpResponseStatus.OK, PROMETHEUS_TEXT, endpoints.scrapeMetrics());
            case "/calls": {
                List<Map<String, Object>> calls = new ArrayList<>();
                for (CallSnapshot call : endpoints.activeCalls()) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("id", call.callId());
                    c.put("building", call.building());
                    c.put("state", call.state());
                    c.put("remote", call.remote());
                    c.put("duration_ms", call.durationMs());
                    c.put("sample_rate", call.sampleRate());
                    c.put("turn", call.turn());
                    calls.add(c);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("count", calls.size());
                body.put("calls", calls);
                return text(HttpResponseStatus.OK, JSON, json.writeValueAsString(body));
            }
            case "/buildings": {
                List<Map<String, Object>> buildings = endpoints.buildings();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("count", buildings.size());
                body.put("buildings", buildings);
                return text(HttpResponseStatus.OK, JSON, json.writeValueAsString(body));
            }
            default:
                return text(HttpResponseStatus.NOT_FOUND, "text/plain",
                        "not found; try /health, /ready, /metrics, /calls, /buildings\n");
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return response;
    }
}
