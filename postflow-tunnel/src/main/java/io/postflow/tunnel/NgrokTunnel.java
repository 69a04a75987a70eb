package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ngrok tunnel: spawns {@code ngrok http 127.0.0.1:<port> --log stdout --log-format json} and
 * reads the public URL from the agent's local API ({@code /api/endpoints}, falling back to the
 * deprecated {@code /api/tunnels}, then to the "started tunnel" log record).
 *
 * <p><b>Warning:</b> ngrok's free plan allows 1 GB of data out per month, which one video pull
 * can exhaust; use a paid plan or another tunnel for real work.
 *
 * <pre>{@code
 * Tunnel tunnel = NgrokTunnel.builder().authtoken(System.getenv("NGROK_AUTHTOKEN")).build();
 * }</pre>
 *
 * <p>The local API is looked for where the agent logs it started its web service, then at
 * {@link Builder#apiPort} (default 4040, as in ngrok's {@code web_addr}) and the next port (ngrok
 * moves to 4041 when 4040 is taken). The authtoken is passed in the environment, never on the
 * command line. Thread-safe.
 */
public final class NgrokTunnel extends SupervisedTunnel {
  private NgrokTunnel(ProcessTunnel supervisor) {
    super(supervisor);
  }

  /** A builder with defaults: {@code ngrok} on PATH, API port 4040, the agent's own authtoken. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures an {@link NgrokTunnel}. Not thread-safe. */
  public static final class Builder extends ProcessTunnelBuilder<Builder> {
    private int apiPort = 4040;
    private String authtoken;
    private List<String> extraArguments = List.of();

    private Builder() {}

    /** The port of the agent's local API (its {@code web_addr}); default 4040. */
    public Builder apiPort(int apiPort) {
      this.apiPort = apiPort;
      return this;
    }

    /** The ngrok authtoken; optional when the agent's own config has one. A secret: never logged. */
    public Builder authtoken(String authtoken) {
      this.authtoken = authtoken;
      return this;
    }

    /** More arguments for {@code ngrok http}, e.g. {@code List.of("--url", "pull.example.ngrok.app")}. */
    public Builder extraArguments(List<String> extraArguments) {
      this.extraArguments = List.copyOf(extraArguments);
      return this;
    }

    /** @throws ConfigurationException naming the first invalid setting */
    public NgrokTunnel build() {
      if (apiPort < 1 || apiPort > 65534) {
        throw new ConfigurationException("'apiPort' must be between 1 and 65534, was " + apiPort);
      }
      return new NgrokTunnel(supervisor(new Driver(apiPort, authtoken, extraArguments)));
    }
  }

  /** ngrok agent specifics. */
  private static final class Driver implements TunnelDriver {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final int apiPort;
    private final String authtoken;
    private final List<String> extraArguments;
    private volatile int localPort;
    private volatile String workingApi;

    Driver(int apiPort, String authtoken, List<String> extraArguments) {
      this.apiPort = apiPort;
      this.authtoken = authtoken;
      this.extraArguments = extraArguments;
    }

    @Override
    public String provider() {
      return "ngrok";
    }

    @Override
    public String binaryName() {
      return "ngrok";
    }

    @Override
    public String installHint() {
      return "install the ngrok agent from https://ngrok.com/download and add your authtoken";
    }

    @Override
    public List<String> command(Path binary, int localPort) {
      this.localPort = localPort;
      this.workingApi = null;
      List<String> command = new ArrayList<>(List.of(binary.toString(), "http", "127.0.0.1:" + localPort,
          "--log", "stdout", "--log-format", "json"));
      command.addAll(extraArguments);
      return command;
    }

    @Override
    public Map<String, String> environment() {
      return authtoken == null ? Map.of() : Map.of("NGROK_AUTHTOKEN", authtoken);
    }

    @Override
    public Optional<URI> poll(OutputLog output) {
      Set<String> apis = new LinkedHashSet<>();
      for (String line : output.lines()) {
        if (line.contains("starting web service")) {
          String addr = JsonFields.first(line, "addr");
          if (addr != null) {
            apis.add(addr.startsWith("http") ? addr : "http://" + addr);
          }
        }
      }
      apis.add("http://127.0.0.1:" + apiPort);
      apis.add("http://127.0.0.1:" + (apiPort + 1));
      for (String api : apis) {
        Optional<URI> url = fromApi(api);
        if (url.isPresent()) {
          workingApi = api;
          return url;
        }
      }
      for (String line : output.lines()) {
        if (line.contains("started tunnel")) {
          String url = JsonFields.first(line, "url");
          if (url != null && isPublic(url)) {
            return Optional.of(URI.create(url));
          }
        }
      }
      return Optional.empty();
    }

    private Optional<URI> fromApi(String api) {
      LocalHttp.Reply endpoints = LocalHttp.get(URI.create(api + "/api/endpoints"), TIMEOUT);
      if (endpoints.status == 200) {
        Optional<URI> url = firstPublic(JsonFields.strings(endpoints.body, "url"));
        if (url.isPresent()) {
          return url;
        }
      }
      LocalHttp.Reply tunnels = LocalHttp.get(URI.create(api + "/api/tunnels"), TIMEOUT);
      return tunnels.status == 200 ? firstPublic(JsonFields.strings(tunnels.body, "public_url")) : Optional.empty();
    }

    private Optional<URI> firstPublic(List<String> urls) {
      return urls.stream().filter(this::isPublic).findFirst().map(URI::create);
    }

    /** Endpoint records also carry the upstream (our own local URL): skip it. */
    private boolean isPublic(String url) {
      return url.startsWith("http") && !url.matches("https?://(127\\.0\\.0\\.1|localhost):" + localPort + "/?");
    }

    @Override
    public boolean reportsReady() {
      String api = workingApi;
      return api != null && fromApi(api).isPresent();
    }

    @Override
    public boolean rateLimited(List<String> output) {
      return output.stream().anyMatch(l -> l.contains("ERR_NGROK_108")
          || l.contains("429 Too Many Requests"));
    }
  }
}
