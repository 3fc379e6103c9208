package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private App app;
    private String base;

    @BeforeEach
    void start() throws Exception {
        app = new App(0);
        app.start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointsAnswer() throws Exception {
        assertEquals(200, get(App.HEALTH_PATH).statusCode());
        assertEquals(200, get(App.READINESS_PATH).statusCode());
        app.setReady(false);
        assertEquals(503, get(App.READINESS_PATH).statusCode());
        assertEquals(404, get("/no-such-page").statusCode());
        assertTrue(get(App.METRICS_PATH).body()
                .contains("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"));
        assertEquals(0, HealthCheck.check(base + App.HEALTH_PATH));
        assertEquals(1, HealthCheck.check(base + "/missing"));
    }
}
