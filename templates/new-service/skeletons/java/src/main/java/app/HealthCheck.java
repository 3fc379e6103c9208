package app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Container health check: exits 0 when the URL answers 2xx. The JRE image has no HTTP client. */
public final class HealthCheck {
    private HealthCheck() {}

    static int check(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? 0 : 1;
        } catch (Exception e) {
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(check(args[0]));
    }
}
