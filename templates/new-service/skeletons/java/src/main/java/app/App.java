package app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** ${{ values.name }}: liveness, readiness and Prometheus metrics endpoints. */
public final class App {
    static final String HEALTH_PATH = "${{ values.healthPath }}";
    static final String READINESS_PATH = "/readyz";
    static final String METRICS_PATH = "/metrics";

    private final HttpServer server;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LatencyHistogram> durations = new ConcurrentHashMap<>();
{%- if values.database %}
    private final Database database;

    App(int port) throws IOException {
        this(port, null);
    }

    /** With a database, the service is only ready while it can reach it. */
    App(int port, Database database) throws IOException {
        this.database = database;
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", this::handle);
    }
{%- else %}

    App(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", this::handle);
    }
{%- endif %}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "${{ values.port }}"));
{%- if values.database %}
        // DATABASE_URL comes from the ${{ values.name }}-env secret in Kubernetes.
        int maxConnections = Integer.parseInt(System.getenv().getOrDefault("DATABASE_POOL_MAX", "10"));
        App app = new App(port, new Database(System.getenv("DATABASE_URL"), maxConnections));
{%- else %}
        App app = new App(port);
{%- endif %}
        app.start();
        // Fail readiness first so the load balancer drains this instance.
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        System.out.println("listening on " + app.port());
    }

    void start() {
        server.start();
        ready.set(true);
    }

    void stop() {
        ready.set(false);
        server.stop(5);
{%- if values.database %}
        if (database != null) {
            database.close();
        }
{%- endif %}
    }

    int port() {
        return server.getAddress().getPort();
    }

    void setReady(boolean value) {
        ready.set(value);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String body;
        String type = "application/json";
        if (HEALTH_PATH.equals(path)) {
            body = "{\"status\":\"ok\"}";
        } else if (READINESS_PATH.equals(path)) {
{%- if values.database %}
            boolean isReady = ready.get() && (database == null || database.ping());
{%- else %}
            boolean isReady = ready.get();
{%- endif %}
            status = isReady ? 200 : 503;
            body = "{\"ready\":" + isReady + "}";
        } else if (METRICS_PATH.equals(path)) {
            body = metrics();
            type = "text/plain; version=0.0.4";
        } else {
            status = 404;
            path = "unmatched";
            body = "{\"error\":\"not found\"}";
        }
        String key = String.format(
                "method=\"%s\",route=\"%s\",status=\"%d\"", exchange.getRequestMethod(), path, status);
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
        String durationKey = String.format("method=\"%s\",route=\"%s\"", exchange.getRequestMethod(), path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        durations.computeIfAbsent(durationKey, k -> new LatencyHistogram())
                .observe((System.nanoTime() - started) / 1e9);
    }

    private String metrics() {
        StringBuilder text = new StringBuilder()
                .append("# HELP http_requests_total HTTP requests answered.\n")
                .append("# TYPE http_requests_total counter\n");
        new TreeMap<>(requests).forEach((labels, count) ->
                text.append("http_requests_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        text.append("# HELP http_request_duration_seconds Time to answer HTTP requests.\n")
                .append("# TYPE http_request_duration_seconds histogram\n");
        new TreeMap<>(durations).forEach((labels, histogram) ->
                histogram.render("http_request_duration_seconds", labels, text));
{%- if values.database %}
        if (database != null) {
            database.render(text);
        }
{%- endif %}
        return text.toString();
    }
}
